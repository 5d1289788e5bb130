package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import fixtures.lab03.UnlockedWriteServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * A concurrency bug is caught nearly every time, not by luck: a chat server whose send is two
 * unlocked writes (the line, then its newline) is graded twenty times by the test meant for
 * it, on whatever load the machine has, and must be caught at least nineteen times. Python's
 * two {@code sendall} calls are two system calls; Java's two writes into a shared
 * {@code BufferedWriter} are two buffer copies a few nanoseconds apart, the narrower race.
 */
@ExtendWith(NoLeftoversExtension.class)
class CatchRateTest {
    private static final int RUNS = 20;

    static Stream<Arguments> twoWriteServers() {
        return Stream.of(
                Arguments.of("Python, two sendall calls", Programs.script("python3", "lab03/chat_server_two_writes.py", "{port}")),
                Arguments.of("Java, two writes into a BufferedWriter", Programs.server(UnlockedWriteServer.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoWriteServers")
    void anUnlockedTwoWriteSendIsCaughtAtLeastNineteenTimesInTwenty(String server, String command) {
        List<String> passed = new ArrayList<>();
        int caught = 0;
        for (int run = 1; run <= RUNS; run++) {
            GradingRun.Verdict verdict = GradingRun.of(Lab.LAB03, Role.SERVER).command(command)
                    .only("manyMembersTalkAtOnce").run().of("manyMembersTalkAtOnce");
            if (verdict.passed()) {
                passed.add("run " + run);
            } else {
                caught++;
                assertThat(verdict.message()).as("run %d's message", run).contains("damaged line");
            }
        }
        System.out.printf("CatchRateTest: the two-write chat server (%s) was caught %d times in %d (missed: %s)%n",
                server, caught, RUNS, passed);
        assertThat(caught).as("times in %d the unlocked two-write send (%s) was caught (missed in %s)", RUNS, server,
                        passed).isGreaterThanOrEqualTo(RUNS - 1);
    }
}
