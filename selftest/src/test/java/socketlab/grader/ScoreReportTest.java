package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * results.json is what Gradescope reads, and what an instructor's whole course depends on:
 * its shape, its extra-credit rule, its survival of a run cut short, and its escaping of
 * whatever a student's program printed. The JUnit Platform's inputs are interfaces, so the
 * test feeds the listener mocks of them.
 */
class ScoreReportTest {
    @TempDir
    Path reportDir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private ScoreReport report;
    private TestPlan plan;

    /** Stand-ins for graded tests: only their annotations matter. */
    static final class Fixture {
        @Graded(points = 2, does = "echoes")
        void echoes() {
        }

        @Graded(points = 3, does = "splits")
        void splits() {
        }

        @Graded(points = 1, does = "bonus", extraCredit = true)
        void bonus() {
        }

        void notGraded() {
        }
    }

    @BeforeEach
    void startARun() {
        report = new ScoreReport(new PrintStream(console, true, StandardCharsets.UTF_8));
        ConfigurationParameters parameters = mock(ConfigurationParameters.class);
        when(parameters.get(GraderConfig.REPORT_DIR)).thenReturn(Optional.of(reportDir.toString()));
        plan = mock(TestPlan.class);
        when(plan.getConfigurationParameters()).thenReturn(parameters);
        when(plan.countTestIdentifiers(any())).thenReturn(3L);
        report.testPlanExecutionStarted(plan);
    }

    private static TestIdentifier test(String method, String displayName, String lab, String role) throws Exception {
        TestDescriptor descriptor = mock(TestDescriptor.class);
        when(descriptor.getUniqueId()).thenReturn(UniqueId.forEngine("junit-jupiter").append("method", method));
        when(descriptor.getDisplayName()).thenReturn(displayName);
        when(descriptor.getLegacyReportingName()).thenReturn(method);
        when(descriptor.getType()).thenReturn(TestDescriptor.Type.TEST);
        when(descriptor.isTest()).thenReturn(true);
        when(descriptor.getTags()).thenReturn(Set.of(TestTag.create(lab), TestTag.create(role)));
        when(descriptor.getSource()).thenReturn(Optional.of(MethodSource.from(Fixture.class.getDeclaredMethod(method))));
        when(descriptor.getParent()).thenReturn(Optional.empty());
        return TestIdentifier.from(descriptor);
    }

    private JsonNode results() throws Exception {
        return new ObjectMapper().readTree(reportDir.resolve("results.json").toFile());
    }

    @Test
    void writesGradescopesFormatAfterEveryTestSoARunCutShortStillCounts() throws Exception {
        report.executionFinished(test("echoes", "a line comes back", "lab01", "server"), TestExecutionResult.successful());

        JsonNode partial = results();
        assertThat(partial.get("tests")).hasSize(1);
        assertThat(partial.get("tests").get(0).get("name").asText()).isEqualTo("lab01 server: a line comes back");
        assertThat(partial.get("tests").get(0).get("score").asDouble()).isEqualTo(2.0);
        assertThat(partial.get("tests").get(0).get("max_score").asDouble()).isEqualTo(2.0);
        assertThat(partial.get("tests").get(0).get("status").asText()).isEqualTo("passed");
    }

    @Test
    void extraCreditHasNoMaximumAndAddsItsPointsWhenItPasses() throws Exception {
        report.executionFinished(test("splits", "split line", "lab03", "server"),
                TestExecutionResult.failed(new AssertionError("nope")));
        report.executionFinished(test("bonus", "slow reader", "lab03", "server"), TestExecutionResult.successful());
        report.testPlanExecutionFinished(plan);

        JsonNode results = results();
        JsonNode bonus = results.get("tests").get(1);
        assertThat(bonus.get("max_score").asDouble()).isZero();
        assertThat(bonus.get("score").asDouble()).isEqualTo(1.0);
        assertThat(results.get("score").asDouble()).as("total: 0 of 3, plus 1 of extra credit").isEqualTo(1.0);
        assertThat(results.get("tests").get(0).get("output").asText()).isEqualTo("nope");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("lab03", "0 / 3", "extra credit: +1", "FAIL", "PASS");
    }

    @Test
    void whateverAProgramPrintedStaysValidJson() throws Exception {
        String hostile = "\"quotes\" \\ \u0000\u001b[31m \uD800 broken surrogate, \r\n and a } brace";
        report.executionFinished(test("echoes", "hostile output", "lab01", "client"),
                TestExecutionResult.failed(new AssertionError(hostile)));
        report.testPlanExecutionFinished(plan);

        assertThat(results().get("tests").get(0).get("output").asText()).contains("\"quotes\"", "brace", "\u001b[31m");
    }

    @Test
    void testsWithoutPointsAreNotGraded() throws Exception {
        report.executionFinished(test("notGraded", "a helper test", "lab01", "server"), TestExecutionResult.successful());
        report.testPlanExecutionFinished(plan);

        assertThat(reportDir.resolve("results.json")).doesNotExist();
    }

    @Test
    void theRunsSeedIsPrintedUnderTheTableSoTheRunCanBeReplayed() throws Exception {
        report.reportingEntryPublished(test("echoes", "a line comes back", "lab01", "server"),
                org.junit.platform.engine.reporting.ReportEntry.from(ScoreReport.SEED_ENTRY, "42"));
        report.executionFinished(test("echoes", "a line comes back", "lab01", "server"), TestExecutionResult.successful());
        report.testPlanExecutionFinished(plan);

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("-Dgrader.seed=42");
        assertThat(results().get("output").asText()).contains("-Dgrader.seed=42");
    }

    @Test
    void aFailedExtraCreditTestLeavesFullMarksAndSaysSo() throws Exception {
        report.executionFinished(test("echoes", "a line comes back", "lab03", "server"), TestExecutionResult.successful());
        report.executionFinished(test("splits", "split line", "lab03", "server"), TestExecutionResult.successful());
        report.executionFinished(test("bonus", "slow reader", "lab03", "server"),
                TestExecutionResult.aborted(new ExtraCreditNotEarned("FAILED: slow reader\n\nThe others waited 5 s.")));
        report.testPlanExecutionFinished(plan);

        JsonNode bonus = results().get("tests").get(2);
        assertThat(bonus.get("status").asText()).isEqualTo("failed");
        assertThat(bonus.get("score").asDouble()).isZero();
        assertThat(bonus.get("output").asText()).isEqualTo("FAILED: slow reader\n\nThe others waited 5 s.");
        String screen = console.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("5 / 5", "The others waited 5 s.");
        assertThat(screen.strip()).endsWith("Full marks (lab03): every required test passed (exit status 0)."
                + " Extra credit not earned: lab03 server: slow reader.");
        assertThat(results().get("output").asText()).contains("Extra credit not earned: lab03 server: slow reader.");
    }

    /** Test classes run side by side: a bonus test that fails first must still not be the first failure read. */
    @Test
    void aFailedExtraCreditTestIsPrintedAfterEveryOtherFailure() throws Exception {
        report.executionFinished(test("bonus", "slow reader", "lab03", "server"),
                TestExecutionResult.aborted(new ExtraCreditNotEarned("FAILED: slow reader\n\nThe others waited 5 s.")));
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("The others waited 5 s.");
        report.executionFinished(test("splits", "split line", "lab03", "server"),
                TestExecutionResult.failed(new GradedTestFailure("FAILED: split line\n\nNo echo came back.")));
        report.testPlanExecutionFinished(plan);

        String screen = console.toString(StandardCharsets.UTF_8);
        assertThat(screen.indexOf("No echo came back.")).as("the required test's failure").isNotNegative()
                .isLessThan(screen.indexOf("The others waited 5 s."));
    }

    @Test
    void aFailureIsPrintedOnceAsItHappensWithItsRerunCommandAndTheVerdictComesLast() throws Exception {
        report.executionFinished(test("splits", "split line", "lab01", "server"),
                TestExecutionResult.failed(new GradedTestFailure("FAILED: split line\n\nNo echo came back.\n\nHint: frame by newline.")));
        String afterTheFailure = console.toString(StandardCharsets.UTF_8);
        assertThat(afterTheFailure).contains("Hint: frame by newline.", "mvn -pl grader test -Dtest=Fixture#splits");

        report.testPlanExecutionFinished(plan);
        String screen = console.toString(StandardCharsets.UTF_8);
        assertThat(screen.split("Hint: frame by newline", -1)).as("the full report, printed once").hasSize(2);
        String underTheTable = screen.substring(screen.indexOf("Total:"));
        assertThat(underTheTable).contains("lab01 server: split line", "No echo came back.",
                "mvn -pl grader test -Dgrader.failed");
        assertThat(screen.strip()).endsWith("Not full marks: 1 required test did not pass, so this run ends in a build"
                + " failure (exit status 1).");
    }

    @Test
    void theTableListsTestsInTheOrderTheyAreWrittenServersFirst() throws Exception {
        report.executionFinished(test("bonus", "third", "lab01", "server"), TestExecutionResult.successful());
        report.executionFinished(test("splits", "second", "lab01", "server"), TestExecutionResult.successful());
        report.executionFinished(test("echoes", "a client test", "lab01", "client"), TestExecutionResult.successful());
        report.executionFinished(test("echoes", "first", "lab01", "server"), TestExecutionResult.successful());
        report.testPlanExecutionFinished(plan);

        String table = console.toString(StandardCharsets.UTF_8);
        assertThat(table).containsSubsequence("  server  (lab01-echo/src/main/java/lab01/EchoServer.java)", "first", "second",
                "third", "  client  (lab01-echo/src/main/java/lab01/EchoClient.java)", "a client test");
    }

    @Test
    void surefiresListOfFailuresGetsOneLinePerFailure() {
        GradedTestFailure failure = new GradedTestFailure("FAILED: split line\n\nNo echo came back.\n\n  expected: x");
        assertThat(failure.getMessage()).isEqualTo("FAILED: split line: No echo came back.");
        assertThat(failure.report()).contains("expected: x");
        assertThat(failure.toString()).as("what Surefire's XML and an IDE show").contains("expected: x");
    }
}
