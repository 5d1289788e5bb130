package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.lab01.CrashesOnResetServer;
import fixtures.lab01.CrlfServer;
import fixtures.lab01.DefaultCharsetClient;
import fixtures.lab01.DefaultCharsetServer;
import fixtures.lab01.NeverClosesServer;
import fixtures.lab01.NoFlushClient;
import fixtures.lab01.NoFlushServer;
import fixtures.lab01.PrefixingServer;
import fixtures.lab01.QuitsAtEndOfInputClient;
import fixtures.lab01.RawCopyServer;
import fixtures.lab01.ReadSizeClient;
import fixtures.lab01.ReadSizeServer;
import fixtures.lab01.SelectorEchoServer;
import fixtures.lab01.SkipsEmptyLinesServer;
import fixtures.lab01.StackTraceClient;
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
                bug(Role.SERVER, NoFlushServer.class, "echoesALine", "flush"),
                bug(Role.SERVER, DefaultCharsetServer.class, "echoesUtf8", "default charset", "UTF-8"),
                bug(Role.SERVER, ReadSizeServer.class, "echoesALineSplitAcrossSegments", "byte stream", "read()"),
                bug(Role.SERVER, NeverClosesServer.class, "closesWhenTheClientIsDone", "stayed open", "close"),
                bug(Role.SERVER, CrashesOnResetServer.class, "survivesAReset", "exited", "crashed"),
                bug(Role.SERVER, SkipsEmptyLinesServer.class, "echoesAnEmptyLine", "empty line"),
                bug(Role.SERVER, PrefixingServer.class, "echoesALine", "something added"),
                bug(Role.SERVER, CrlfServer.class, "echoesALine", "\\r\\n", "println"),
                bug(Role.SERVER, RawCopyServer.class, "stripsCarriageReturn", "\\r"),
                bug(Role.CLIENT, NoFlushClient.class, "sendsATypedLine", "flush"),
                bug(Role.CLIENT, DefaultCharsetClient.class, "handlesUtf8", "default charset", "System.in"),
                bug(Role.CLIENT, StackTraceClient.class, "reportsAFailedConnection", "stack trace"),
                bug(Role.CLIENT, QuitsAtEndOfInputClient.class, "waitsForTheLastReplyThenExits", "as soon as its input ended"),
                bug(Role.CLIENT, ReadSizeClient.class, "printsAReplySplitAcrossSegments", "byte stream"));
    }

    private static Arguments bug(Role role, Class<?> program, String caughtBy, String... mentions) {
        String command = role == Role.SERVER ? Programs.server(program) : Programs.client(program);
        return Arguments.of(program.getSimpleName(), role, command, caughtBy, mentions);
    }

    @ParameterizedTest(name = "{0} is caught by {3}")
    @MethodSource("buggyPrograms")
    void aBuggyProgramIsCaughtWithAMessageThatNamesTheBug(String name, Role role, String command, String caughtBy,
                                                           String[] mentions) {
        GradingRun.Verdict verdict = GradingRun.of(Lab.LAB01, role).command(command)
                .option("grader.timeoutScale", "0.5")
                .only(caughtBy).run().of(caughtBy);

        assertThat(verdict.passed()).as("%s passed '%s', which must catch its bug", name, verdict.displayName()).isFalse();
        assertThat(verdict.message()).as("the failure message for %s", name).contains(mentions);
    }
}
