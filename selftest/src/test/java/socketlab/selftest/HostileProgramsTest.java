package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.hostile.ReadsSecretServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.GraderConfig;
import socketlab.grader.Lab;
import socketlab.grader.Role;
import socketlab.grader.SandboxLayers;
import socketlab.grader.ScoreReport;

/**
 * Programs that misbehave in the ways real submissions do (never listen, die at once, hang,
 * start slowly, flood their output, ignore signals) are each judged right, within a bounded
 * time, and leave no process behind. Each plays lab 01's server through the command mode.
 * Those that attack the grader (a daemon that rewrites the results, a fork bomb, a memory
 * hoarder, a thief of another submission) are run in every sandbox layer this machine
 * offers; a layer it lacks is skipped with the command that installs it.
 */
@ExtendWith(NoLeftoversExtension.class)
class HostileProgramsTest {
    /** Far beyond what any of these runs needs; only a hang would reach it. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    private static GradingRun.Verdict grade(String command, String scale) {
        return assertTimeoutPreemptively(BOUND, () -> GradingRun.of(Lab.LAB01, Role.SERVER).command(command)
                .option("grader.timeoutScale", scale).only("echoesALine").run().of("echoesALine"));
    }

    private static GradingRun.Verdict gradeIn(String layer, String command, String scale) {
        return assertTimeoutPreemptively(BOUND, () -> GradingRun.of(Lab.LAB01, Role.SERVER).command(command)
                .option(GraderConfig.SANDBOX, layer).option(GraderConfig.TIMEOUT_SCALE, scale).only("echoesALine")
                .run().of("echoesALine"));
    }

    /** Every layer but none; the suite proves each one this machine offers, not only the best. */
    static Stream<String> layers() {
        return Stream.of("bubblewrap", "unshare", "user");
    }

    private static void assumeAvailable(String layer) {
        SandboxLayers.unavailable(layer, GradingRun.ROOT).ifPresent(why -> Assumptions.abort("skipped: " + why));
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

    /** Without a sandbox (the child writes its pid where a sandboxed one could not), the process tree is killed. */
    @Test
    void aServerThatIgnoresSigtermAndItsChildAreBothGoneAfterTheTest(@TempDir Path scratch) throws Exception {
        Path childPid = scratch.resolve("child.pid");
        GradingRun.Verdict verdict = gradeIn("off", script("ignores_sigterm.sh", "{port} '" + childPid + "'"), "1");
        assertThat(verdict.passed()).as("the program is correct: %s", verdict.message()).isTrue();

        long pid = Long.parseLong(Files.readString(childPid, StandardCharsets.UTF_8).trim());
        Awaitility.await("the child that ignores SIGTERM to be gone").atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @ParameterizedTest(name = "in the {0} layer")
    @MethodSource("layers")
    void aDaemonLeftBehindCannotTouchTheResultsNorTheKitAndIsGoneAfterTheTest(String layer) throws Exception {
        assumeAvailable(layer);
        Path kitFile = decoyKitFile();
        byte[] kitBefore = Files.readAllBytes(kitFile);
        GradingRun run = GradingRun.of(Lab.LAB01, Role.SERVER).option(GraderConfig.SANDBOX, layer).only("echoesALine");
        // As open as the grader's own report folder (grader/target/grader): only the sandbox protects it.
        Files.setPosixFilePermissions(run.reportDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        run.command(script("daemon_rewrites_results.py", "{port} '" + run.reportDir() + "' '" + kitFile + "'"));

        GradingRun.Verdict verdict = assertTimeoutPreemptively(BOUND, () -> run.run(new ScoreReport()).of("echoesALine"));

        assertThat(verdict.passed()).as("the server is correct: %s", verdict.message()).isTrue();
        JsonNode results = new ObjectMapper().readTree(run.reportDir().resolve("results.json").toFile());
        assertThat(results.get("score").asDouble()).as("the score in results.json").isNotEqualTo(999);
        assertThat(results.get("tests")).as("the tests in results.json: %s", results).hasSize(1);
        JsonNode test = results.get("tests").get(0);
        assertThat(test.get("status").asText()).isEqualTo("passed");
        assertThat(results.get("score").asDouble()).as("the score the grader computed, left intact")
                .isEqualTo(test.get("score").asDouble()).isPositive();
        assertThat(results.get("sandbox").asText()).startsWith("Sandbox: " + (layer.equals("user") ? "separate user" : ""));
        assertThat(Files.readAllBytes(kitFile)).as("the kit's class file, untouched").isEqualTo(kitBefore);
        assertThat(Leftovers.traceable()).as("this run can see a daemon that left the process tree (run it with Maven,"
                + " on Linux, so that %s is set)", Leftovers.MARKER).isTrue();
        Awaitility.await("the daemon to be gone").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(Leftovers.alive()).isEmpty());
    }

    @ParameterizedTest(name = "in the {0} layer")
    @MethodSource("layers")
    void aForkBombFailsItsTestWithTheProcessCap(String layer) {
        assumeAvailable(layer);
        Assumptions.assumeTrue(SandboxLayers.capsProcesses(layer), "skipped: " + layer + " caps no processes here:"
                + " grade as root, where the grader makes a pids cgroup per program");
        // A cap of 256, not the default 4096: the bomb reaches it in a moment even on a loaded machine.
        GradingRun.Verdict verdict = assertTimeoutPreemptively(BOUND, () -> GradingRun.of(Lab.LAB01, Role.SERVER)
                .command(script("fork_bomb.sh", "{port}")).option(GraderConfig.SANDBOX, layer)
                .option(GraderConfig.MAX_PROCESSES, "256").only("echoesALine").run().of("echoesALine"));
        assertThat(verdict.passed()).as("a fork bomb passed").isFalse();
        assertThat(verdict.message()).contains("Your program started more than 256 processes");
    }

    @ParameterizedTest(name = "in the {0} layer")
    @MethodSource("layers")
    void aProgramThatAllocatesWithoutBoundFailsWithTheMemoryLimit(String layer) {
        assumeAvailable(layer);
        GradingRun.Verdict verdict = gradeIn(layer, script("hoards_memory.py", "{port}"), "1");
        assertThat(verdict.passed()).as("a memory hoarder passed").isFalse();
        assertThat(verdict.message()).contains("Your program used more than 4 GiB of memory", "MemoryError");
    }

    @ParameterizedTest(name = "in the {0} layer")
    @MethodSource("layers")
    void aProgramCannotReadAnotherSubmissionOutsideItsFolder(String layer, @TempDir Path elsewhere) throws Exception {
        assumeAvailable(layer);
        Path secret = Files.createDirectories(elsewhere.resolve("other-student")).resolve("Answer.java");
        Files.writeString(secret, "the other student's answer, 42", StandardCharsets.UTF_8);
        GradingRun.Verdict verdict = gradeIn(layer, Programs.java(ReadsSecretServer.class, "{port} '" + secret + "'"), "1");
        assertThat(verdict.passed()).as("the program read the file and sent it: %s", verdict.message()).isTrue();
    }

    /** A class file with the kit's ownership and permissions, which the daemon attacks in place of a real one. */
    private static Path decoyKitFile() throws IOException {
        Path folder = Files.createDirectories(GradingRun.ROOT.resolve("selftest/target/kit-decoy"));
        Path decoy = folder.resolve("Decoy.class");
        Files.write(decoy, ("decoy of a class file " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        return decoy;
    }
}
