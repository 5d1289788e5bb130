package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import socketlab.grader.Lab;

/**
 * Each lab module's own unit tests (labNN-x/src/test/java) teach something only if the
 * starter fails every one of them and the reference passes them all. The kit's build skips
 * them (the starters would fail it), so this proves both here: the tests are compiled against
 * the starter's classes and against the solution's, and run with the JUnit launcher.
 */
class LabUnitTestsTest {

    @ParameterizedTest
    @EnumSource(Lab.class)
    void theStarterFailsEveryUnitTestAndTheReferencePassesThemAll(Lab lab, @TempDir Path scratch) throws Exception {
        Path tests = GradingRun.ROOT.resolve(lab.module()).resolve("src/test/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tests), lab.module() + " has no unit tests");

        TestExecutionSummary starter = run(lab, GradingRun.ROOT.resolve(lab.module()).resolve("src/main/java"), tests,
                scratch.resolve("starter"));
        assertThat(starter.getTestsFoundCount()).as("unit tests of %s", lab.module()).isPositive();
        assertThat(starter.getTestsSucceededCount()).as("unit tests of %s that the starter passes: each must fail"
                + " until the student writes the step it tests", lab.module()).isZero();

        TestExecutionSummary reference = run(lab, GradingRun.ROOT.resolve("solutions/src/main/java").resolve(lab.tag()),
                tests, scratch.resolve("reference"));
        StringWriter failures = new StringWriter();
        reference.printFailuresTo(new java.io.PrintWriter(failures), 20);
        assertThat(reference.getTotalFailureCount()).as("unit tests of %s failing on the reference:%n%s", lab.module(),
                failures).isZero();
        assertThat(reference.getTestsSucceededCount()).isEqualTo(starter.getTestsFoundCount());
    }

    /** Compiles the sources and the tests into one folder, and runs the tests in a loader of their own. */
    private static TestExecutionSummary run(Lab lab, Path sources, Path tests, Path classes) throws Exception {
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-encoding", "UTF-8", "-proc:none",
                "-cp", System.getProperty("java.class.path")));
        List<Path> testFiles = javaFiles(tests);
        javaFiles(sources).forEach(file -> arguments.add(file.toString()));
        testFiles.forEach(file -> arguments.add(file.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("compiling %s's sources and unit tests %s", lab.module(), errors).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                LabUnitTestsTest.class.getClassLoader())) {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
            for (Path file : testFiles) {
                String name = tests.relativize(file).toString().replace(".java", "").replace('/', '.');
                request.selectors(selectClass(loader.loadClass(name)));
            }
            LauncherDiscoveryRequest discovery = request.build();
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).enablePostDiscoveryFilterAutoRegistration(false)
                    .build());
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                launcher.execute(discovery, summary);
            } finally {
                thread.setContextClassLoader(previous);
            }
            return summary.getSummary();
        }
    }

    private static List<Path> javaFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }
}
