package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grading run that is stopped part-way (Ctrl-C, a CI job's timeout: the JVM gets SIGTERM)
 * still leaves no program behind: the grader's shutdown hook kills what it started.
 */
class InterruptedRunTest {

    @Test
    void stoppingTheGradersJvmMidTestKillsTheProgramAndItsChild(@TempDir Path scratch) throws Exception {
        Path serverPid = scratch.resolve("server.pid");
        Path childPid = scratch.resolve("child.pid");
        Path accepted = scratch.resolve("accepted");
        String command = Programs.script("sh", "hostile/hangs_with_child.sh",
                "{port} '" + serverPid + "' '" + childPid + "' '" + accepted + "'");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process grader = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + "kit.root=" + GradingRun.ROOT, GradeInAnotherJvm.class.getName(), command, "off")
                .redirectErrorStream(true).redirectOutput(scratch.resolve("grader.log").toFile()).start();
        try {
            // Accepting means the grader has started the program (and so knows it) and is testing it.
            Awaitility.await("the graded program to start and accept the grader's connection")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> hasPid(childPid) && hasPid(serverPid) && Files.exists(accepted));

            grader.destroy();  // SIGTERM, as a CI timeout or Ctrl-C would send
            assertThat(grader.waitFor(30, TimeUnit.SECONDS)).as("the grader's JVM stopped").isTrue();

            for (Path pidFile : List.of(serverPid, childPid)) {
                long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
                Awaitility.await("process " + pid + " (" + pidFile.getFileName() + ") to be gone")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            }
        } finally {
            grader.destroyForcibly();
            // Should the grader have failed, its orphans must not outlive this test either.
            for (Path pidFile : List.of(serverPid, childPid)) {
                if (hasPid(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    /**
     * In the machine's sandbox (auto), the program cannot write a pid file; the marker every
     * graded program inherits finds it instead, wherever it is in the process tree.
     */
    @Test
    void stoppingTheGradersJvmMidTestKillsASandboxedProgram() throws Exception {
        Assumptions.assumeTrue(Leftovers.traceable(), "skipped: run with Maven on Linux, which sets " + Leftovers.MARKER);
        // The program accepts and never answers; a scale of 10 keeps the test waiting for 50 s, time enough to stop it.
        String command = Programs.script("python3", "hostile/accepts_never_answers.py", "{port}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process grader = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + "kit.root=" + GradingRun.ROOT, GradeInAnotherJvm.class.getName(), command, "auto", "10")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Awaitility.await("the graded program to start").atMost(Duration.ofSeconds(30))
                    .until(() -> Leftovers.alive(grader.pid()).stream().anyMatch(p -> p.contains("accepts_never_answers")));

            grader.destroy();  // SIGTERM, as a CI timeout or Ctrl-C would send
            assertThat(grader.waitFor(30, TimeUnit.SECONDS)).as("the grader's JVM stopped").isTrue();

            Awaitility.await("every program of the stopped run to be gone").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Leftovers.alive()).isEmpty());
        } finally {
            grader.destroyForcibly();
        }
    }

    private static boolean hasPid(Path file) throws IOException {
        return Files.exists(file) && !Files.readString(file, StandardCharsets.UTF_8).isBlank();
    }
}
