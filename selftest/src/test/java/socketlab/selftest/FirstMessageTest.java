package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.lab01.NoFlushServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * One symptom, one verdict: when a server never listens, never flushes, or exits after its
 * first connection, grading its whole role says so once, in the first failure a student
 * reads, and every later failure of the role points to it instead of guessing again.
 */
@ExtendWith(NoLeftoversExtension.class)
class FirstMessageTest {

    static Stream<Arguments> programsWithOneCause() {
        return Stream.of(
                Arguments.of("a Java server that never flushes", Programs.server(NoFlushServer.class), List.of("flush")),
                Arguments.of("a Python server that never listens",
                        Programs.script("python3", "hostile/never_listens.py", "{port}"),
                        List.of("did not accept connections")),
                Arguments.of("a Python server with no loop around accept()",
                        Programs.script("python3", "lab01/echo_server_one_client.py", "{port}"),
                        List.of("exited with status 0", "accept()")));
    }

    @ParameterizedTest(name = "{0}: the first failure names the cause, the others point to it")
    @MethodSource("programsWithOneCause")
    void theFirstFailureNamesTheCauseAndTheOthersPointToIt(String program, String command, List<String> cause) {
        long start = System.nanoTime();
        Verdicts verdicts = GradingRun.of(Lab.LAB01, Role.SERVER).command(command).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<GradingRun.Verdict> failed = verdicts.failed();
        System.out.printf("FirstMessageTest: %s: %d tests failed, the role was graded in %.1f s%n", program,
                failed.size(), seconds);
        assertThat(failed).as("failed tests of %s", program).hasSizeGreaterThan(1);
        assertThat(failed.get(0).message()).as("the first failure of %s", program).contains(cause);
        for (GradingRun.Verdict later : failed.subList(1, failed.size())) {
            if (!later.message().contains("Same cause as in")) {
                assertThat(later.message()).as("a later failure of %s that does not point to the first", program)
                        .contains(cause);
            }
        }
        long pointers = failed.stream().filter(v -> v.message().contains("Same cause as in")).count();
        assertThat(pointers).as("later failures of %s that point to the first one", program).isPositive();
    }
}
