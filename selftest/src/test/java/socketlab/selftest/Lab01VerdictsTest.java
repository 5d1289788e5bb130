package socketlab.selftest;

import fixtures.lab01.CrashesOnResetServer;
import fixtures.lab01.CrlfServer;
import fixtures.lab01.DecodesEachReadClient;
import fixtures.lab01.DefaultCharsetClient;
import fixtures.lab01.DefaultCharsetServer;
import fixtures.lab01.DropsPartialWritesServer;
import fixtures.lab01.NeverClosesServer;
import fixtures.lab01.NoFlushClient;
import fixtures.lab01.NoFlushServer;
import fixtures.lab01.PrefixingServer;
import fixtures.lab01.PrintsTypedLineClient;
import fixtures.lab01.QuitsAtEndOfInputClient;
import fixtures.lab01.RawCopyServer;
import fixtures.lab01.ReadSizeClient;
import fixtures.lab01.ReadSizeServer;
import fixtures.lab01.SelectorEchoServer;
import fixtures.lab01.SkipsEmptyLinesServer;
import fixtures.lab01.StackTraceClient;
import fixtures.lab01.TrimmingClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * Lab 01's verdicts are right: correct programs in other languages and styles pass every
 * test through the command mode, and each deliberately buggy one is caught by the test
 * meant for its bug, with a message that names it.
 */
@ExtendWith(NoLeftoversExtension.class)
class Lab01VerdictsTest {

    static Stream<Arguments> correctPrograms() {
        return Stream.of(
                Arguments.of(Role.SERVER, "Python, one client at a time", Programs.script("python3", "lab01/echo_server.py", "{port}")),
                Arguments.of(Role.SERVER, "Node.js, every client at once", Programs.script("node", "lab01/echo_server.js", "{port}")),
                Arguments.of(Role.SERVER, "Java NIO selector, one thread", Programs.server(SelectorEchoServer.class)),
                Arguments.of(Role.CLIENT, "Python", Programs.script("python3", "lab01/echo_client.py", "{host} {port}")));
    }

    @ParameterizedTest(name = "{0} in {1} passes")
    @MethodSource("correctPrograms")
    void aCorrectProgramPassesEveryTest(Role role, String style, String command) {
        GradingRun.of(Lab.LAB01, role).command(command).run().assertAllPassed();
    }

    static Stream<Arguments> buggyPrograms() {
        return Stream.of(
                Programs.bug(Role.SERVER, NoFlushServer.class, "echoesALine", "flush"),
                Programs.bug(Role.SERVER, DefaultCharsetServer.class, "echoesUtf8", "default charset", "UTF-8"),
                Programs.bug(Role.SERVER, ReadSizeServer.class, "echoesALineSplitAcrossSegments", "byte stream", "read()"),
                Programs.bug(Role.SERVER, NeverClosesServer.class, "closesWhenTheClientIsDone", "stayed open", "close"),
                Programs.bug(Role.SERVER, CrashesOnResetServer.class, "survivesAReset", "exited", "crashed"),
                Programs.bug(Role.SERVER, SkipsEmptyLinesServer.class, "echoesAnEmptyLine", "empty line"),
                Programs.bug(Role.SERVER, PrefixingServer.class, "echoesALine", "something added"),
                Programs.bug(Role.SERVER, CrlfServer.class, "echoesALine", "\\r\\n", "println"),
                Programs.bug(Role.SERVER, RawCopyServer.class, "stripsCarriageReturn", "\\r"),
                Programs.patchedBug(Role.SERVER, "python3", "lab01/echo_server.py",
                        "line.rstrip(b\"\\n\").removesuffix(b\"\\r\")", "line.strip()", "keepsSpacesAndTabsAroundALine",
                        "trimmed", "never strip()"),
                Programs.scriptBug(Role.SERVER, "python3", "lab01/echo_server_partial_writes.py", "keepsRepliesThatPileUp",
                        "lost replies", "sock.send()"),
                Programs.bug(Role.SERVER, DropsPartialWritesServer.class, "keepsRepliesThatPileUp", "lost replies",
                        "hasRemaining()"),
                Programs.scriptBug(Role.SERVER, "python3", "lab01/echo_server_one_client.py", "echoesALine",
                        "exited with status 0", "accept()"),
                Programs.bug(Role.CLIENT, NoFlushClient.class, "sendsATypedLine", "flush"),
                Programs.bug(Role.CLIENT, DefaultCharsetClient.class, "handlesUtf8", "default charset", "System.in"),
                Programs.bug(Role.CLIENT, StackTraceClient.class, "reportsAFailedConnection", "stack trace"),
                Programs.bug(Role.CLIENT, QuitsAtEndOfInputClient.class, "waitsForTheLastReplyThenExits", "as soon as its input ended"),
                Programs.bug(Role.CLIENT, ReadSizeClient.class, "printsAReplySplitAcrossSegments", "byte stream"),
                Programs.bug(Role.CLIENT, TrimmingClient.class, "keepsSpacesAndTabs", "trimmed", "trim()"),
                Programs.bug(Role.CLIENT, DecodesEachReadClient.class, "printsAReplyWithCharactersCutBetweenSegments",
                        "decoded each read on its own", "InputStreamReader"),
                Programs.bug(Role.CLIENT, PrintsTypedLineClient.class, "printsTheReply", "not the line that was typed"),
                pythonClient("echo_client_drops_last_char.py", "sendsALastLineWithoutNewline",
                        "dropped the last character", "line[:-1]"),
                pythonClient("echo_client_traceback.py", "reportsAFailedConnection", "lines on stderr, a Python"
                        + " traceback", "sys.exit(1)"));
    }

    /** A buggy Python client among the kit's programs: the language is in the command, so is the hint. */
    private static Arguments pythonClient(String file, String caughtBy, String... mentions) {
        return Arguments.of(file, Role.CLIENT, Programs.script("python3", "lab01/" + file, "{host} {port}"), caughtBy,
                mentions);
    }

    @ParameterizedTest(name = "{0} is caught by {3}")
    @MethodSource("buggyPrograms")
    void aBuggyProgramIsCaughtWithAMessageThatNamesTheBug(String name, Role role, String command, String caughtBy,
                                                           String[] mentions) {
        GradingRun.assertCaught(Lab.LAB01, role, name, command, caughtBy, mentions);
    }
}
