package socketlab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The previous run, as its {@code results.json} tells it: what {@code -Dgrader.failed} reruns.
 * Tests are known by their name there ({@code lab01 server: an empty line is echoed ...}),
 * which {@link ScoreReport#entryName} gives every graded test.
 */
final class PreviousRun {
    private PreviousRun() {
    }

    /** The names of the tests that did not pass; one sentence saying what to do when there are none. */
    static Set<String> failedTests(Path reportDir) {
        Path file = reportDir.resolve("results.json");
        if (!Files.isRegularFile(file)) {
            throw new GraderSetupException("-Dgrader.failed reruns the tests that failed in the previous run, but"
                    + " there is no previous run to read (no " + file + "): grade once without -Dgrader.failed first.");
        }
        Set<String> failed = new LinkedHashSet<>();
        try {
            for (JsonNode test : new ObjectMapper().readTree(file.toFile()).path("tests")) {
                if (!"passed".equals(test.path("status").asText())) {
                    failed.add(test.path("name").asText());
                }
            }
        } catch (IOException e) {
            throw new GraderSetupException("-Dgrader.failed could not read the previous run's " + file + " ("
                    + e.getMessage() + "): grade once without -Dgrader.failed to write it again.");
        }
        if (failed.isEmpty()) {
            throw new GraderSetupException("-Dgrader.failed has nothing to rerun: every test of the previous run passed"
                    + " (" + file + "). Grade a whole lab again with -Dgroups=labNN, without -Dgrader.failed.");
        }
        return failed;
    }
}
