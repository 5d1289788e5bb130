package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import socketlab.grader.GradedTestFailure;
import socketlab.grader.GraderConfig;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * Runs the grader's own graded tests, as {@code mvn -pl grader test} would, against a
 * target or a command, and collects each test's verdict and message: the kit's tests
 * then assert that a correct program passes and that a buggy one fails, where and why.
 */
final class GradingRun {
    /** The checkout this self-test belongs to (set by the selftest pom). */
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    private final Lab lab;
    private final Role role;
    private final Map<String, String> parameters = new HashMap<>();
    private Set<String> methods = Set.of();

    private GradingRun(Lab lab, Role role) {
        this.lab = lab;
        this.role = role;
        parameters.put(GraderConfig.ROOT, ROOT.toString());
        parameters.put(GraderConfig.TARGET, ROOT.toString());
        parameters.put(GraderConfig.REPORT_DIR, temporaryFolder().toString());
    }

    /** Grades one role of one lab. */
    static GradingRun of(Lab lab, Role role) {
        return new GradingRun(lab, role);
    }

    /** Grades the sources of {@code target} (a checkout, or the solutions module). */
    GradingRun target(Path target) {
        parameters.put(GraderConfig.TARGET, target.toString());
        return this;
    }

    /** Grades a command instead of Java sources, as -Dgrader.labNN.role does. */
    GradingRun command(String command) {
        parameters.put(GraderConfig.commandOption(lab, role), command);
        return this;
    }

    /** Any other option, e.g. grader.timeoutScale. */
    GradingRun option(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /** Runs only these test methods (by Java name) of the lab and role. */
    GradingRun only(String... methodNames) {
        this.methods = Set.of(methodNames);
        return this;
    }

    Path reportDir() {
        return Path.of(parameters.get(GraderConfig.REPORT_DIR));
    }

    /** Runs the tests and returns their verdicts by method name, in the order they ran. */
    Verdicts run(TestExecutionListener... extraListeners) {
        PostDiscoveryFilter onlyChosen = descriptor -> FilterResult.includedIf(methods.isEmpty()
                || descriptor.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(source -> methods.contains(source.getMethodName())).orElse(true));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("socketlab.grader." + lab.tag()))
                .filters(TagFilter.includeTags(lab.tag() + " & " + role.tag()), onlyChosen)
                .configurationParameters(parameters)
                .build();
        Map<String, Verdict> verdicts = Collections.synchronizedMap(new LinkedHashMap<>());
        TestExecutionListener collector = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .filter(source -> test.isTest())
                        .ifPresent(source -> verdicts.put(source.getMethodName(), new Verdict(source.getMethodName(),
                                test.getDisplayName(), result.getStatus(),
                                result.getThrowable().map(GradedTestFailure::reportOf).orElse(""),
                                java.util.Optional.ofNullable(source.getJavaMethod().getAnnotation(socketlab.grader.Graded.class))
                                        .map(socketlab.grader.Graded::extraCredit).orElse(false))));
            }
        };
        // The score table of a nested run is noise here: tests that check it pass a ScoreReport.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        TestExecutionListener[] listeners = new TestExecutionListener[extraListeners.length + 1];
        listeners[0] = collector;
        System.arraycopy(extraListeners, 0, listeners, 1, extraListeners.length);
        launcher.execute(request, listeners);
        return new Verdicts(lab, role, Map.copyOf(verdicts), new java.util.ArrayList<>(verdicts.keySet()));
    }

    private static Path temporaryFolder() {
        try {
            Path base = ROOT.resolve("selftest/target/runs");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Grades a deliberately buggy program with the one test meant for its bug, and checks
     * that the test fails with a message naming the bug. Waits are halved: a buggy program
     * fails either way, and the suite stays quick.
     */
    static void assertCaught(Lab lab, Role role, String name, String command, String caughtBy, String... mentions) {
        Verdict verdict = of(lab, role).command(command).option(GraderConfig.TIMEOUT_SCALE, "0.5")
                .only(caughtBy).run().of(caughtBy);
        assertThat(verdict.passed())
                .as("%s passed '%s', which must catch its bug", name, verdict.displayName()).isFalse();
        assertThat(verdict.message())
                .as("the failure message for %s", name).contains(mentions);
    }

    /** One graded test's outcome. */
    record Verdict(String method, String displayName, TestExecutionResult.Status status, String message,
                   boolean extraCredit) {
        boolean passed() {
            return status == TestExecutionResult.Status.SUCCESSFUL;
        }
    }
}
