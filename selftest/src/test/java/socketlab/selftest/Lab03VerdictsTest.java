package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.lab03.ChatClientBase;
import fixtures.lab03.ChatServerBase;
import fixtures.lab03.DeafClient;
import fixtures.lab03.DecodesEachReadClient;
import fixtures.lab03.EchoesToSenderServer;
import fixtures.lab03.FailedSendStopsBroadcastServer;
import fixtures.lab03.IpOnlyPrefixServer;
import fixtures.lab03.NeverRemovesServer;
import fixtures.lab03.OneThreadClient;
import fixtures.lab03.PlainListServer;
import fixtures.lab03.SaysDisconnectedAtEndOfInputClient;
import fixtures.lab03.TrimmingServer;
import fixtures.lab03.TrimsIncomingClient;
import fixtures.lab03.UnlockedWriteServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * Lab 03's verdicts are right: chat servers and clients in other languages and styles pass
 * every test of their role (the bonus reference, {@code OutboxChatServer.java}, too), a server
 * without the extra credit (the reference of the steps, {@code ChatServer.java}, and the
 * fixture the buggy servers extend) loses exactly the extra-credit test, and each deliberately buggy program (an echo to the sender, a prefix without the
 * port, an unsafe list, unlocked writes, a broadcast one dead member breaks, members never
 * removed, a one-thread client, a client deaf to the server leaving) is caught by the test
 * meant for its bug, with a message that names it.
 */
@ExtendWith(NoLeftoversExtension.class)
class Lab03VerdictsTest {
    private static final String EXTRA_CREDIT_TEST = "aMemberThatStopsReadingStallsNoOne";

    static Stream<Arguments> correctPrograms() {
        return Stream.of(
                Arguments.of(Role.SERVER, "Python asyncio, one thread, with the extra credit",
                        Programs.script("python3", "lab03/chat_server_asyncio.py", "{port}")),
                Arguments.of(Role.SERVER, "Node.js, events, with the extra credit",
                        Programs.script("node", "lab03/chat_server.js", "{port}")),
                Arguments.of(Role.SERVER, "Java, the bonus reference OutboxChatServer.java, compiled alone",
                        Programs.javaSource("solutions/src/main/java/lab03/OutboxChatServer.java", "lab03.OutboxChatServer",
                                "{port}")),
                Arguments.of(Role.CLIENT, "Python, a reader thread",
                        Programs.script("python3", "lab03/chat_client_threads.py", "{host} {port}")),
                Arguments.of(Role.CLIENT, "Node.js, events", Programs.script("node", "lab03/chat_client.js", "{host} {port}")),
                Arguments.of(Role.CLIENT, "Java, two threads", Programs.client(ChatClientBase.class)));
    }

    @ParameterizedTest(name = "{0} in {1} passes")
    @MethodSource("correctPrograms")
    void aCorrectProgramPassesEveryTest(Role role, String style, String command) {
        GradingRun.of(Lab.LAB03, role).command(command).run().assertAllPassed();
    }

    @Test
    void aServerWithoutTheExtraCreditFailsOnlyTheExtraCreditTest() {
        assertFailsOnlyTheExtraCredit(GradingRun.of(Lab.LAB03, Role.SERVER).command(Programs.server(ChatServerBase.class))
                .run());
    }

    /** The reference a student compares with answers the server's steps, 1 to 5, not step 8. */
    @Test
    void theReferenceOfTheStepsFailsOnlyTheExtraCreditTest() {
        assertFailsOnlyTheExtraCredit(GradingRun.of(Lab.LAB03, Role.SERVER).target(GradingRun.ROOT.resolve("solutions"))
                .run());
    }

    private static void assertFailsOnlyTheExtraCredit(Verdicts verdicts) {
        assertThat(verdicts.failed().stream().map(GradingRun.Verdict::method).toList())
                .as("the graded tests that a correct server without the extra credit fails:%n%s",
                        verdicts.describeFailures())
                .containsExactly(EXTRA_CREDIT_TEST);
        assertThat(verdicts.of(EXTRA_CREDIT_TEST).message()).contains("stopped reading", "step 8", "outbox");
    }

    static Stream<Arguments> buggyPrograms() {
        return Stream.of(
                Programs.bug(Role.SERVER, EchoesToSenderServer.class, "relaysALineToEveryOtherMember", "its own line back",
                        "member != from"),
                Programs.bug(Role.SERVER, IpOnlyPrefixServer.class, "relaysALineToEveryOtherMember", "without the port",
                        "getPort()"),
                Programs.bug(Role.SERVER, PlainListServer.class, "membersComeAndGoWhileOthersTalk",
                        "ConcurrentModificationException", "CopyOnWriteArrayList"),
                Programs.bug(Role.SERVER, UnlockedWriteServer.class, "manyMembersTalkAtOnce", "damaged line", "merged",
                        "lock"),
                Programs.scriptBug(Role.SERVER, "python3", "lab03/chat_server_two_writes.py", "manyMembersTalkAtOnce",
                        "damaged line", "lock"),
                Programs.patchedBug(Role.SERVER, "node", "lab03/chat_server.js", "Buffer.concat([pending, chunk])",
                        "Buffer.concat([pending, Buffer.from(chunk.toString('utf8'))])", "relaysUtf8SplitAcrossSegments",
                        "non-ASCII characters damaged", "setEncoding"),
                Programs.bug(Role.SERVER, TrimmingServer.class, "keepsSpacesAndTabsAroundALine", "spaces and tabs",
                        "strip()"),
                Programs.bug(Role.SERVER, FailedSendStopsBroadcastServer.class, "aResetHarmsNoOtherMember",
                        "A failed send to one member stopped the broadcast"),
                Programs.bug(Role.SERVER, NeverRemovesServer.class, "closesTheConnectionOfAMemberWhoLeaves", "stayed open",
                        "take it out of the room"),
                Programs.bug(Role.CLIENT, OneThreadClient.class, "printsLinesWhileNothingIsTyped",
                        "only after a line is typed", "thread of its own"),
                Programs.bug(Role.CLIENT, DeafClient.class, "saysWhenTheServerIsGone", "Disconnected from server.",
                        "System.exit(0)"),
                Programs.bug(Role.CLIENT, SaysDisconnectedAtEndOfInputClient.class, "exitsAtTheEndOfInput",
                        "at the end of its own input", "leaving"),
                Programs.bug(Role.CLIENT, TrimsIncomingClient.class, "keepsSpacesAndTabs", "trimmed", "trim()"),
                Programs.bug(Role.CLIENT, DecodesEachReadClient.class, "printsAUtf8CharacterSplitAcrossSegments",
                        "decoded each read on its own", "InputStreamReader"),
                script("node", "chat_client_drops_last_line.js", "sendsALastLineWithoutNewline", "closed the connection",
                        "Ctrl-D", "at 'end'"),
                script("python3", "chat_client_keeps_cr.py", "stripsCarriageReturn", "\\r\\n", "strip it"),
                script("node", "chat_client_crashes.js", "reportsAFailedConnection", "lines on stderr, a Node.js stack"
                        + " trace", "'error' event"));
    }

    /** A buggy client among the kit's Python and JavaScript programs: its hints speak its language. */
    private static Arguments script(String interpreter, String file, String caughtBy, String... mentions) {
        return Arguments.of(file, Role.CLIENT, Programs.script(interpreter, "lab03/" + file, "{host} {port}"), caughtBy,
                mentions);
    }

    @ParameterizedTest(name = "{0} is caught by {3}")
    @MethodSource("buggyPrograms")
    void aBuggyProgramIsCaughtWithAMessageThatNamesTheBug(String name, Role role, String command, String caughtBy,
                                                           String[] mentions) {
        GradingRun.assertCaught(Lab.LAB03, role, name, command, caughtBy, mentions);
    }
}
