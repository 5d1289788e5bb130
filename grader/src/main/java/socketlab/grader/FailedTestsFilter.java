package socketlab.grader;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * {@code -Dgrader.failed}: keeps only the graded tests that did not pass in the previous run
 * (read from its {@code results.json}), so a student reruns just what is left to fix. JUnit
 * finds it through {@code META-INF/services}; without the option it keeps everything. When the
 * previous run cannot be read, it keeps everything too, and each test fails with the sentence
 * {@link GraderConfig} gives.
 */
public final class FailedTestsFilter implements PostDiscoveryFilter {
    private final Optional<Set<String>> failed;

    public FailedTestsFilter() {
        this(failedInPreviousRun());
    }

    /** @param failed the names of the tests to keep, or empty to keep every test */
    FailedTestsFilter(Optional<Set<String>> failed) {
        this.failed = failed;
    }

    private static Optional<Set<String>> failedInPreviousRun() {
        try {
            GraderConfig config = GraderConfig.from(name -> Optional.ofNullable(System.getProperty(name)), Set.of(), 0);
            return config.rerunFailed() ? Optional.of(PreviousRun.failedTests(config.reportDir())) : Optional.empty();
        } catch (GraderSetupException e) {
            return Optional.empty();
        }
    }

    @Override
    public FilterResult apply(TestDescriptor test) {
        if (failed.isEmpty() || !test.isTest()) {
            return FilterResult.included("not filtered");
        }
        List<String> tags = test.getTags().stream().map(TestTag::getName).sorted().toList();
        String name = ScoreReport.entryName(tags, test.getDisplayName());
        return FilterResult.includedIf(failed.get().contains(name), () -> "failed in the previous run",
                () -> "passed in the previous run");
    }
}
