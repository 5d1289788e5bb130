package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import socketlab.grader.Graded;
import socketlab.grader.Lab;

/**
 * The handouts say what the grader really checks: each lab's "What the grader checks" table
 * is generated from the graded tests' own metadata ({@link Graded}), and this test fails
 * when a handout's table differs. With {@code -Dkit.updateHandouts=true} it rewrites them.
 */
class HandoutsTest {
    private static final String BEGIN = "<!-- grader-table:begin -->";
    private static final String END = "<!-- grader-table:end -->";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lab.class)
    void theGraderTableOfEachHandoutMatchesTheGradedTests(Lab lab) throws IOException {
        Path handout = GradingRun.ROOT.resolve(lab.handout());
        assumeTrue(Files.exists(handout), lab.handout() + " is not written yet");
        String text = Files.readString(handout, StandardCharsets.UTF_8);
        assertThat(text).as("%s must hold the markers %s and %s", lab.handout(), BEGIN, END).contains(BEGIN, END);

        String table = table(lab);
        assumeTrue(!table.contains("\n0 tests"), lab.tag() + " has no graded tests yet");
        int start = text.indexOf(BEGIN) + BEGIN.length();
        int end = text.indexOf(END);
        String current = text.substring(start, end);
        String wanted = "\n" + table + "\n";
        if (!current.equals(wanted) && Boolean.getBoolean("kit.updateHandouts")) {
            Files.writeString(handout, text.substring(0, start) + wanted + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertThat(current)
                .as("the grader table of %s is out of date; rewrite it with:%n  mvn verify -Dgrader.target=solutions"
                        + " -Dkit.updateHandouts=true", lab.handout())
                .isEqualTo(wanted);
    }

    @Test
    void theKitsCopyOfTheContractIsTheSharedOne() throws IOException {
        Path shared = GradingRun.ROOT.getParent().resolve("shared/SPEC.md");
        assumeTrue(Files.exists(shared), "no shared contract beside this checkout");
        assertThat(Files.readString(GradingRun.ROOT.resolve("SPEC.md"), StandardCharsets.UTF_8))
                .as("SPEC.md must be a copy of %s: copy it again", shared)
                .isEqualTo(Files.readString(shared, StandardCharsets.UTF_8));
    }

    /** The Markdown table of a lab's graded tests: server tests first, then client tests. */
    static String table(Lab lab) {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("socketlab.grader." + lab.tag()))
                .filters(TagFilter.includeTags(lab.tag()))
                .build());
        List<Row> rows = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, rows);
        }
        rows.sort(Comparator.comparing(Row::role).reversed());
        StringBuilder out = new StringBuilder("| role | the test checks that | points | what it does |\n|---|---|---|---|");
        int points = 0;
        int bonus = 0;
        for (Row row : rows) {
            out.append("\n| ").append(row.role()).append(" | ").append(escape(row.name())).append(" | ")
                    .append(row.graded().extraCredit() ? "+" + row.graded().points() + " (extra credit)" : row.graded().points())
                    .append(" | ").append(escape(row.graded().does())).append(" |");
            if (row.graded().extraCredit()) {
                bonus += row.graded().points();
            } else {
                points += row.graded().points();
            }
        }
        out.append("\n\n").append(rows.size()).append(" tests, ").append(points).append(" points")
                .append(bonus > 0 ? ", and " + bonus + " points of extra credit." : ".");
        return out.toString();
    }

    private static void collect(TestPlan plan, TestIdentifier node, List<Row> rows) {
        if (node.isTest()) {
            graded(node).ifPresent(graded -> rows.add(new Row(role(node), node.getDisplayName(), graded)));
        }
        plan.getChildren(node).forEach(child -> collect(plan, child, rows));
    }

    private static Optional<Graded> graded(TestIdentifier node) {
        return node.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getJavaMethod).map(method -> method.getAnnotation(Graded.class));
    }

    private static String role(TestIdentifier node) {
        return node.getTags().stream().map(TestTag::getName).filter(tag -> tag.equals("server") || tag.equals("client"))
                .findFirst().orElse("?");
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    private record Row(String role, String name, Graded graded) {
    }
}
