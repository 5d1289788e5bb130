package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/** The verdicts of one {@link GradingRun}, with assertions that say which test did what. */
record Verdicts(Lab lab, Role role, Map<String, GradingRun.Verdict> byMethod, List<String> order) {

    GradingRun.Verdict of(String method) {
        assertThat(byMethod).as("the graded test %s of %s %s ran", method, lab.tag(), role.tag()).containsKey(method);
        return byMethod.get(method);
    }

    List<GradingRun.Verdict> failed() {
        return order.stream().map(byMethod::get).filter(v -> !v.passed()).toList();
    }

    /** A readable list of every failure, for assertion messages. */
    String describeFailures() {
        return failed().stream().map(v -> "- " + v.displayName() + "\n" + indent(v.message()))
                .collect(Collectors.joining("\n"));
    }

    void assertAllPassed() {
        assertThat(order).as("graded tests of %s %s that ran", lab.tag(), role.tag()).isNotEmpty();
        assertThat(failed()).as("failed graded tests of %s %s:\n%s", lab.tag(), role.tag(), describeFailures()).isEmpty();
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
