package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.lab04.BlockingBroadcastServer;
import fixtures.lab04.BroadcastsDuringHandshakeServer;
import fixtures.lab04.CaseSensitiveServer;
import fixtures.lab04.CheckThenInsertServer;
import fixtures.lab04.DecodesEachReadClient;
import fixtures.lab04.DropsUnfinishedLineClient;
import fixtures.lab04.EagerClient;
import fixtures.lab04.ExitsZeroWhenRefusedClient;
import fixtures.lab04.ForgetsTheNameServer;
import fixtures.lab04.HandshakeInAcceptLoopServer;
import fixtures.lab04.LeftTwiceServer;
import fixtures.lab04.NewReaderForChatServer;
import fixtures.lab04.NoDisconnectAtEndOfInputClient;
import fixtures.lab04.NoLeftOnCloseServer;
import fixtures.lab04.PrintsNickClient;
import fixtures.lab04.RelaysDisconnectServer;
import fixtures.lab04.ResendsRefusedNameClient;
import fixtures.lab04.SaysDisconnectedOnQuitClient;
import fixtures.lab04.SilentErrorClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.LabCompiler;
import socketlab.grader.LinePeer;
import socketlab.grader.Role;
import socketlab.grader.Transcript;
import socketlab.grader.Waits;

/**
 * Lab 04's verdicts are right: correct programs in another language and style pass every
 * test of their role through the command mode (the extra credit included; so does the bonus
 * reference, {@code OutboxChatServer.java}), the reference of the steps ({@code ChatServer.java})
 * fails the extra-credit test only, and each
 * deliberately buggy program (left! twice, no left! on close, !DISCONNECT relayed, chat sent
 * into the handshake, names compared with case, check-then-insert, the handshake in the accept
 * loop, a client that hides ERROR or exits 0, one that skips !DISCONNECT) is caught by the
 * test meant for its bug, with a message that names it. Also: the reference server protects
 * itself from an endless line, which SPEC does not ask of students, so no graded test does;
 * and lab 03's and lab 04's bonus references share one outbox.
 */
@ExtendWith(NoLeftoversExtension.class)
class Lab04VerdictsTest {
    private static final String CLIENT_ARGUMENTS = "{host} {port} {nick}";
    private static final String EXTRA_CREDIT_TEST = "aClientThatStopsReadingDoesNotStallTheOthers";

    static Stream<Arguments> correctPrograms() {
        return Stream.of(
                Arguments.of(Role.SERVER, "Python asyncio", Programs.script("python3", "lab04/chat_server.py", "{port}")),
                Arguments.of(Role.SERVER, "Java, the bonus reference OutboxChatServer.java, compiled alone",
                        Programs.javaSource("solutions/src/main/java/lab04/OutboxChatServer.java", "lab04.OutboxChatServer",
                                "{port}")),
                Arguments.of(Role.CLIENT, "Python, two threads", Programs.script("python3", "lab04/chat_client.py",
                        CLIENT_ARGUMENTS)));
    }

    @ParameterizedTest(name = "{0} in {1} passes")
    @MethodSource("correctPrograms")
    void aCorrectProgramPassesEveryTest(Role role, String style, String command) {
        GradingRun.of(Lab.LAB04, role).command(command).run().assertAllPassed();
    }

    /**
     * SPEC §5 announces a newcomer to every client joined when the announcement is sent, so a
     * server that sends it a moment late may rightly tell a member who joined meanwhile (the
     * race seen with the bonus reference on a loaded machine). Made certain here: a correct
     * server that announces each newcomer 0.3 s after letting it in, graded by every test in
     * which members join one after another.
     */
    @Test
    void aServerThatAnnouncesANewcomerLatePasses() {
        String lateServer = Programs.patched("python3", "lab04/chat_server.py", "broadcast(member, nick + b\" joined!\")",
                "asyncio.get_running_loop().call_later(0.3, broadcast, member, nick + b\" joined!\")", "{port}");
        GradingRun.of(Lab.LAB04, Role.SERVER).command(lateServer)
                .only("announcesANewcomerToTheOthers", "relaysLinesWithTheSendersNickname", "aClientCannotSpeakAsAnother",
                        "keepsClientsInTheHandshakeOutOfTheChat")
                .run().assertAllPassed();
    }

    /** The reference a student compares with answers the handout's steps 1 to 6, not step 10. */
    @Test
    void theReferenceOfTheStepsFailsOnlyTheExtraCreditTest() {
        Verdicts verdicts = GradingRun.of(Lab.LAB04, Role.SERVER).target(GradingRun.ROOT.resolve("solutions")).run();

        assertThat(verdicts.failed().stream().map(GradingRun.Verdict::method).toList())
                .as("the graded tests that the reference of the steps fails:%n%s", verdicts.describeFailures())
                .containsExactly(EXTRA_CREDIT_TEST);
    }

    /**
     * One outbox design for the extra credit of both chat labs: each bonus reference is one
     * source file (no build needed), so the class is written twice, and must stay the same.
     */
    @Test
    void theBonusReferencesOfLabs03And04ShareOneOutbox() throws IOException {
        assertThat(outboxOf("lab04")).as("lab04's Outbox, compared with lab03's").isEqualTo(outboxOf("lab03"));
    }

    private static String outboxOf(String lab) throws IOException {
        String source = Files.readString(GradingRun.ROOT.resolve("solutions/src/main/java").resolve(lab)
                .resolve("OutboxChatServer.java"), StandardCharsets.UTF_8);
        int declaration = source.indexOf("    static final class Outbox ");
        assertThat(declaration).as("the nested class Outbox of %s's OutboxChatServer.java", lab).isPositive();
        int start = source.lastIndexOf("    /**", declaration);
        return source.substring(start, source.indexOf("\n    }\n", declaration));
    }

    static Stream<Arguments> buggyPrograms() {
        return Stream.of(
                Programs.patchedBug(Role.SERVER, "python3", "lab04/chat_server.py",
                        "return line.rstrip(b\"\\n\").removesuffix(b\"\\r\")", "return line.strip()",
                        "keepsSpacesAndTabsAroundALine", "trimmed", "never strip()"),
                server(LeftTwiceServer.class, "announcesADisconnectOnce", "a second time", "announced one leaving twice"),
                server(NoLeftOnCloseServer.class, "announcesAnAbruptCloseOnce", "left!",
                        "closes its connection without !DISCONNECT has left too"),
                server(NoLeftOnCloseServer.class, "announcesAResetOnce", "left!", "A reset makes readLine() throw"),
                server(RelaysDisconnectServer.class, "announcesADisconnectOnce", "!DISCONNECT as a chat"
                        + " line"),
                server(BroadcastsDuringHandshakeServer.class, "keepsClientsInTheHandshakeOutOfTheChat",
                        "sent chat traffic to a client that is still choosing its nickname"),
                server(CaseSensitiveServer.class, "refusesATakenNicknameInAnotherCase", "without regard to case",
                        "toLowerCase(Locale.ROOT)"),
                server(CheckThenInsertServer.class, "onlyOneOfTwoRacingClientsGetsTheName", "two clients now hold one"
                        + " name", "check-then-insert", "putIfAbsent"),
                server(HandshakeInAcceptLoopServer.class, "aSilentClientDoesNotStopOthersJoining", "NICK",
                        "not in the accept loop"),
                server(NewReaderForChatServer.class, "handlesANicknameAndALineInOneSegment", "same segment",
                        "SAME reader"),
                server(ForgetsTheNameServer.class, "announcesADisconnectOnce", "did not give", "lower-cased key"),
                server(BlockingBroadcastServer.class, "aClientThatStopsReadingDoesNotStallTheOthers", "stalled",
                        "outbox"),
                client(SilentErrorClient.class, "exitsWhenTheNicknameArgumentIsRefused", "did not print the server's"
                        + " ERROR line"),
                client(ExitsZeroWhenRefusedClient.class, "exitsWhenTheNicknameArgumentIsRefused", "exited with status 0",
                        "exit with status 1"),
                client(NoDisconnectAtEndOfInputClient.class, "endOfInputSendsDisconnect", "!DISCONNECT",
                        "closed the connection instead"),
                client(EagerClient.class, "holdsTypedLinesUntilItHasJoined", "the first line your client sends must be"
                        + " the nickname, answering NICK"),
                client(PrintsNickClient.class, "answersNickWithTheArgument", "printed the server's NICK request"),
                client(SaysDisconnectedOnQuitClient.class, "quitSendsDisconnect", "Disconnected from server.\" after"
                        + " /quit"),
                client(SaysDisconnectedOnQuitClient.class, "endOfInputSendsDisconnect", "at the end of its own input"),
                client(ResendsRefusedNameClient.class, "asksAgainWhenAPromptedNicknameIsRefused", "the nickname the"
                        + " server had just refused, without asking the user again"),
                client(DecodesEachReadClient.class, "printsAUtf8CharacterSplitAcrossSegments",
                        "decoded each read on its own"),
                client(DropsUnfinishedLineClient.class, "sendsALastLineWithoutNewline", "never sent the last line"),
                python("chat_client_strips.py", "keepsSpacesAndTabs", "trimmed", "strip()"),
                python("chat_client_drops_last_char.py", "sendsALastLineWithoutNewline", "dropped the last character",
                        "line[:-1]"));
    }

    /** A buggy Python client: the command shows the language, so the hint must speak Python. */
    private static Arguments python(String file, String caughtBy, String... mentions) {
        return Arguments.of(file, Role.CLIENT, Programs.script("python3", "lab04/" + file, CLIENT_ARGUMENTS), caughtBy,
                mentions);
    }

    /**
     * The false alarm of issue 9: a correct client that exits the moment its nickname argument is
     * refused (with a reset, before the NICK that follows ERROR) failed one run in two with "could
     * not send to your client". Twenty runs in a row must pass; each is one short test.
     */
    @RepeatedTest(20)
    @Tag("repeated")
    void aClientThatLeavesAtOnceWhenItsNicknameIsRefusedIsNeverBlamed() {
        GradingRun.Verdict verdict = GradingRun.of(Lab.LAB04, Role.CLIENT)
                .command(Programs.script("python3", "lab04/chat_client_leaves_at_once.py", CLIENT_ARGUMENTS))
                .only("exitsWhenTheNicknameArgumentIsRefused").run().of("exitsWhenTheNicknameArgumentIsRefused");
        assertThat(verdict.passed()).as("a correct client that leaves at once:%n%s", verdict.message()).isTrue();
    }

    private static Arguments server(Class<?> program, String caughtBy, String... mentions) {
        return Arguments.of(program.getSimpleName(), Role.SERVER, Programs.server(program), caughtBy, mentions);
    }

    private static Arguments client(Class<?> program, String caughtBy, String... mentions) {
        return Arguments.of(program.getSimpleName(), Role.CLIENT, Programs.java(program, CLIENT_ARGUMENTS), caughtBy,
                mentions);
    }

    @ParameterizedTest(name = "{0} is caught by {3}")
    @MethodSource("buggyPrograms")
    void aBuggyProgramIsCaughtWithAMessageThatNamesTheBug(String name, Role role, String command, String caughtBy,
                                                           String[] mentions) {
        GradingRun.assertCaught(Lab.LAB04, role, name, command, caughtBy, mentions);
    }

    /**
     * The reference server reads lines through a reader bounded at 64 KiB: a client that sends
     * more without a newline is cut off (and announced as gone), and the server goes on.
     */
    @Test
    void theReferenceServerCutsOffALineLongerThan64KiB() throws Exception {
        Path classes = new LabCompiler(GradingRun.ROOT.resolve("selftest/target/reference-classes"))
                .compile(GradingRun.ROOT.resolve("solutions"), Lab.LAB04);
        int port = freePort();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), "lab04.ChatServer", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Transcript transcript = new Transcript();
        Waits waits = new Waits(1);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try {
            Awaitility.await("the reference server to accept connections").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20)).until(() -> accepts(address));
            try (LinePeer alice = join("alice", address, transcript, waits);
                 LinePeer flooder = join("flooder", address, transcript, waits)) {
                alice.expectLine("flooder joined!", "flooder's arrival", "-");
                flooder.sendRaw("x".repeat(64 * 1024 + 4096));
                flooder.expectClosed("its line passed 64 KiB without a newline", "the reference's LineReader"
                        + " must refuse a line longer than MAX_LINE_BYTES");
                alice.expectLine("flooder left!", "flooder's leaving, once it was cut off", "-");
                try (LinePeer bob = join("bob", address, transcript, waits)) {
                    alice.expectLine("bob joined!", "a newcomer: the server goes on", "-");
                    bob.send("still here");
                    alice.expectLine("bob: still here", "bob's line", "-");
                }
            }
            assertThat(server.isAlive()).as("the reference server after a 68 KiB line\n%s", transcript.render()).isTrue();
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static LinePeer join(String nick, InetSocketAddress address, Transcript transcript, Waits waits) {
        LinePeer peer = LinePeer.connect(nick, "the reference server", address, transcript, waits);
        peer.expectLine("NICK", "NICK", "-").send(nick).expectLine("Connected to server!", "the welcome", "-");
        return peer;
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
