package socketlab.grader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What one grading run planned and what came of each graded test, in handout order (lab by
 * lab, server tests before client tests, each in the order the lab's test classes declare
 * them), with each failure's {@link FailureDetails}. {@link ScoreReport} fills it as tests
 * end; the report page and the class grading read it. Thread-safe.
 */
final class RunRecord {
    /** How a test ended. A test still running, or never run because the run stopped early, is NOT_RUN. */
    enum Status { PASSED, FAILED, NOT_RUN }

    /** A graded test of the plan. {@code name} is the name results.json and grades.csv use. */
    record Test(String id, Lab lab, Role role, String name, String displayName, int points, boolean extraCredit) {
        /** The points a test is out of: extra credit is out of nothing, as Gradescope counts it. */
        int maxScore() {
            return extraCredit ? 0 : points;
        }
    }

    /** A test and its outcome; {@code details} is present for a failure the grader's extension explained. */
    record Outcome(Test test, Status status, double score, String message, Optional<FailureDetails> details,
                   double seconds) {
    }

    private final Map<String, Test> planned = new LinkedHashMap<>();
    private final Map<String, Outcome> finished = new LinkedHashMap<>();
    private final Map<String, Long> startNanos = new java.util.HashMap<>();
    private String notRun;

    /** Records every graded test of the plan, in discovery order. */
    synchronized void plan(TestPlan plan) {
        planned.clear();
        finished.clear();
        notRun = null;
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root);
        }
    }

    private void collect(TestPlan plan, TestIdentifier node) {
        if (node.isTest()) {
            ScoreReport.graded(node).ifPresent(graded -> planned.put(node.getUniqueId(), test(node, graded)));
        }
        plan.getChildren(node).forEach(child -> collect(plan, child));
    }

    static Test test(TestIdentifier node, Graded graded) {
        List<String> tags = node.getTags().stream().map(TestTag::getName).toList();
        Lab lab = Lab.fromTags(tags).orElse(Lab.LAB01);
        Role role = Role.fromTags(tags).orElse(Role.SERVER);
        return new Test(node.getUniqueId(), lab, role, lab.tag() + " " + role.tag() + ": " + node.getDisplayName(),
                node.getDisplayName(), graded.points(), graded.extraCredit());
    }

    /** Records a test's start, to tell how long it took. */
    synchronized void started(TestIdentifier node) {
        startNanos.put(node.getUniqueId(), System.nanoTime());
    }

    /** Records a graded test's end. */
    synchronized void finished(TestIdentifier node, Graded graded, TestExecutionResult result, String message) {
        Test test = planned.computeIfAbsent(node.getUniqueId(), id -> test(node, graded));
        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        Optional<FailureDetails> details = result.getThrowable().flatMap(FailureDetails::from);
        Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Status.PASSED;
            case FAILED -> Status.FAILED;
            // An abort that carries a graded failure (extra credit not earned) failed; any other was not run.
            case ABORTED -> details.isPresent() ? Status.FAILED : Status.NOT_RUN;
        };
        finished.put(test.id(), new Outcome(test, status, passed ? test.points() : 0, message == null ? "" : message,
                details, secondsSince(startNanos.get(test.id()))));
    }

    private static double secondsSince(Long start) {
        return start == null ? 0 : Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    /** Why nothing was graded (a mistake in the options), shown instead of the scores. */
    synchronized void notRun(String why) {
        this.notRun = why;
    }

    synchronized Optional<String> notRunReason() {
        return Optional.ofNullable(notRun);
    }

    /** Every planned test with its outcome so far, in handout order. */
    synchronized List<Outcome> outcomes() {
        List<Outcome> out = new ArrayList<>();
        for (Test test : planned.values()) {
            out.add(finished.getOrDefault(test.id(), new Outcome(test, Status.NOT_RUN, 0, "", Optional.empty(), 0)));
        }
        out.sort(Comparator.comparing((Outcome o) -> o.test().lab()).thenComparing(o -> o.test().role()));
        return out;
    }
}
