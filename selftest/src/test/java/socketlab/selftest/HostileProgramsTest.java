package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * Programs that misbehave in the ways real submissions do (never listen, die at once, hang,
 * start slowly, flood their output, ignore signals) are each judged right, within a bounded
 * time, and leave no process behind. Each plays lab 01's server through the command mode.
 */
@ExtendWith(NoLeftoversExtension.class)
class HostileProgramsTest {
    /** Far beyond what any of these runs needs; only a hang would reach it. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    private static GradingRun.Verdict grade(String command, String scale) {
        return assertTimeoutPreemptively(BOUND, () -> GradingRun.of(Lab.LAB01, Role.SERVER).command(command)
                .option("grader.timeoutScale", scale).only("echoesALine").run().of("echoesALine"));
    }

    private static String script(String name, String arguments) {
        String interpreter = name.endsWith(".py") ? "python3" : "sh";
        return Programs.script(interpreter, "hostile/" + name, arguments);
    }

    @Test
    void aServerThatNeverListensFailsWhenTheStartupWaitEnds() {
        GradingRun.Verdict verdict = grade(script("never_listens.py", "{port}"), "0.25");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.message()).contains("did not accept connections", "first argument", "Server ready!");
    }

    @Test
    void aServerThatExitsAtOnceFailsAtOnceAndShowsItsStderr() {
        long start = System.nanoTime();
        GradingRun.Verdict verdict = grade(script("exits_at_once.sh", "{port}"), "1");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.message()).contains("exited (status 3) before it accepted", "cannot open config file server.conf");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("a dead program is noticed at once, not after the 20 s start-up wait")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsWhenTheReplyWaitEnds() {
        GradingRun.Verdict verdict = grade(script("accepts_never_answers.py", "{port}"), "0.5");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.message()).contains("sent nothing for", "flush");
    }

    @Test
    void aServerThatListensOnlyAfterSeveralSecondsPasses() {
        assertThat(grade(script("listens_late.sh", "{port}"), "1").passed())
                .as("readiness is awaited, not slept for").isTrue();
    }

    @Test
    void aServerThatWritesHundredsOfMegabytesToStdoutPasses() {
        GradingRun.Verdict verdict = grade(script("floods_stdout.py", "{port}"), "1");
        assertThat(verdict.passed()).as("output is drained as it comes: %s", verdict.message()).isTrue();
    }

    @Test
    void aServerThatIgnoresSigtermAndItsChildAreBothGoneAfterTheTest(@TempDir Path scratch) throws Exception {
        Path childPid = scratch.resolve("child.pid");
        GradingRun.Verdict verdict = grade(script("ignores_sigterm.sh", "{port} '" + childPid + "'"), "1");
        assertThat(verdict.passed()).as("the program is correct: %s", verdict.message()).isTrue();

        long pid = Long.parseLong(Files.readString(childPid, StandardCharsets.UTF_8).trim());
        Awaitility.await("the child that ignores SIGTERM to be gone").atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
