package socketlab.selftest;

import fixtures.lab01.EchoServerBase;
import fixtures.lab01.SelectorEchoServer;
import fixtures.lab02.NeverClosesThreadedServer;
import fixtures.lab02.PoolOfTwoServer;
import fixtures.lab02.SharedWriterServer;
import fixtures.lab02.ThreadPerClientServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * Lab 02's verdicts are right: concurrent servers in other styles pass every test, and a
 * sequential server, a pool too small, a server that never closes client sockets and one
 * that mixes its clients up are each caught, by the right test, naming the bug.
 */
@ExtendWith(NoLeftoversExtension.class)
class Lab02VerdictsTest {

    static Stream<Arguments> correctPrograms() {
        return Stream.of(
                Arguments.of("Python asyncio", Programs.script("python3", "lab02/echo_server_asyncio.py", "{port}")),
                Arguments.of("Java NIO selector", Programs.server(SelectorEchoServer.class)),
                Arguments.of("Java, a thread per client", Programs.server(ThreadPerClientServer.class)));
    }

    @ParameterizedTest(name = "{0} passes")
    @MethodSource("correctPrograms")
    void aCorrectServerPassesEveryTest(String style, String command) {
        GradingRun.of(Lab.LAB02, Role.SERVER).command(command).run().assertAllPassed();
    }

    static Stream<Arguments> buggyPrograms() {
        return Stream.of(
                Arguments.of(EchoServerBase.class, "servesASecondClientWhileTheFirstIsSilent", new String[] {"one client at a time"}),
                Arguments.of(PoolOfTwoServer.class, "servesAHundredClientsAtOnce", new String[] {"pool"}),
                Arguments.of(PoolOfTwoServer.class, "answersTheLastConnectedFirst", new String[] {"pool"}),
                Arguments.of(NeverClosesThreadedServer.class, "closesWhenTheClientIsDone", new String[] {"stayed open"}),
                Arguments.of(SharedWriterServer.class, "servesAHundredClientsAtOnce", new String[] {"mixed up its clients", "own socket"}));
    }

    @Test
    void aServerThatAnswersOneLineAndClosesIsCaught() {
        String script = "lab02/echo_server_one_line.py";
        GradingRun.assertCaught(Lab.LAB02, Role.SERVER, script, Programs.script("python3", script, "{port}"),
                "echoesLinesInOrder", "closed", "answer", "1 line", "until the client is done");
    }

    @ParameterizedTest(name = "{0} is caught by {1}")
    @MethodSource("buggyPrograms")
    void aBuggyServerIsCaughtWithAMessageThatNamesTheBug(Class<?> program, String caughtBy, String[] mentions) {
        GradingRun.assertCaught(Lab.LAB02, Role.SERVER, program.getSimpleName(), Programs.server(program), caughtBy,
                mentions);
    }
}
