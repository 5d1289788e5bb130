package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * A concurrency bug is caught nearly every time, not by luck: a chat server whose send is two
 * unlocked writes (the line, then its newline) is graded twenty times by the test meant for
 * it, on whatever load the machine has, and must be caught at least nineteen times.
 */
@ExtendWith(NoLeftoversExtension.class)
class CatchRateTest {
    private static final int RUNS = 20;

    @Test
    void anUnlockedTwoWriteSendIsCaughtAtLeastNineteenTimesInTwenty() {
        String command = Programs.script("python3", "lab03/chat_server_two_writes.py", "{port}");
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
        System.out.printf("CatchRateTest: the two-write chat server was caught %d times in %d (missed: %s)%n", caught,
                RUNS, passed);
        assertThat(caught).as("times in %d the unlocked two-write send was caught (missed in %s)", RUNS, passed)
                .isGreaterThanOrEqualTo(RUNS - 1);
    }
}
