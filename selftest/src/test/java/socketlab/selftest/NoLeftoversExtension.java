package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each self-test that ran graded tests: no process the grader started is still
 * alive, neither a descendant of this JVM nor one that left the tree (a daemon that
 * double-forked and called setsid), found by the marker every such process inherits
 * ({@link Leftovers}). The grader kills what it starts before a test ends, so this holds at
 * once; the short bounded await only covers the kernel reaping them.
 */
final class NoLeftoversExtension implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        Awaitility.await("every process started by the grader to be gone")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                            .as("processes still running after the graded tests ended").isEmpty();
                    assertThat(Leftovers.alive())
                            .as("processes started by the grader, no longer its descendants, still running").isEmpty();
                });
    }
}
