package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake in the -D options is one sentence that says what to type instead. */
class GraderConfigTest {
    @TempDir
    Path root;

    private GraderConfig config(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put(GraderConfig.ROOT, root.toString());
        return GraderConfig.from(key -> Optional.ofNullable(all.get(key)), all.keySet(), 7);
    }

    @Test
    void aTypoInAnOptionNameSuggestsTheRightOne() {
        assertThatThrownBy(() -> config(Map.of("grader.lab1.server", "python3 x.py")))
                .isInstanceOf(GraderSetupException.class)
                .hasMessageStartingWith("Unknown option -Dgrader.lab1.server: did you mean -Dgrader.lab01.server?");
        assertThatThrownBy(() -> config(Map.of("grader.timeoutscale", "2")))
                .hasMessageContaining("did you mean -Dgrader.timeoutScale?");
    }

    @Test
    void aScaleOrSeedThatIsNotANumberSaysWhatToGive() {
        assertThatThrownBy(() -> config(Map.of(GraderConfig.TIMEOUT_SCALE, "slow")))
                .hasMessageContaining("give a number between 0 and 100");
        assertThatThrownBy(() -> config(Map.of(GraderConfig.TIMEOUT_SCALE, "0")))
                .hasMessageContaining("not a usable scale");
        assertThatThrownBy(() -> config(Map.of(GraderConfig.SEED, "abc"))).hasMessageContaining("-Dgrader.seed=42");
    }

    @Test
    void aRelativeTargetIsFoundFromTheCheckoutAndAMissingOneIsNamed() throws Exception {
        Files.createDirectories(root.resolve("solutions"));
        assertThat(config(Map.of(GraderConfig.TARGET, "solutions")).target()).isEqualTo(root.resolve("solutions"));
        assertThatThrownBy(() -> config(Map.of(GraderConfig.TARGET, "solutoins")))
                .hasMessageContaining("names no folder").hasMessageContaining("solutoins");
    }

    @Test
    void defaultsAreTheCheckoutTheScaleOneAndARandomSeed() {
        GraderConfig config = config(Map.of());
        assertThat(config.target()).isEqualTo(root);
        assertThat(config.timeoutScale()).isEqualTo(1.0);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.seedGiven()).isFalse();
        assertThat(config.command(Lab.LAB01, Role.SERVER)).isEmpty();
    }

    @Test
    void everyLabAndRoleHasACommandOption() {
        assertThat(GraderConfig.knownNames()).contains("grader.lab03.server", "grader.lab04.client");
        assertThat(List.copyOf(GraderConfig.knownNames())).doesNotHaveDuplicates();
    }

    @Test
    void rerunningTheFailedTestsNeedsAPreviousRunWithFailures() throws Exception {
        assertThatThrownBy(() -> config(Map.of("grader.faild", "true"))).hasMessageContaining("did you mean -Dgrader.failed?");
        Path reportDir = root.resolve("grader/target/grader");
        assertThatThrownBy(() -> config(Map.of(GraderConfig.FAILED, "true")))
                .hasMessageContaining("no previous run").hasMessageContaining("grade once without -Dgrader.failed first");
        assertThatThrownBy(() -> config(Map.of(GraderConfig.FAILED, "yes"))).hasMessageContaining("is not a switch");

        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("results.json"), "{\"tests\": [{\"name\": \"lab01 server: a\", \"status\": \"passed\"}]}");
        assertThatThrownBy(() -> config(Map.of(GraderConfig.FAILED, ""))).hasMessageContaining("nothing to rerun");

        Files.writeString(reportDir.resolve("results.json"), "{\"tests\": [{\"name\": \"lab01 server: a\", \"status\": \"passed\"},"
                + " {\"name\": \"lab01 server: b\", \"status\": \"failed\"}]}");
        assertThat(config(Map.of(GraderConfig.FAILED, "true")).rerunFailed()).isTrue();
        assertThat(PreviousRun.failedTests(reportDir)).containsExactly("lab01 server: b");
        assertThat(config(Map.of()).rerunFailed()).isFalse();
    }

    @Test
    void gradingTheSolutionsOfAStudentEditionIsRefusedInOneSentence() {
        assertThatThrownBy(() -> config(Map.of(GraderConfig.TARGET, "solutions")))
                .hasMessage("This copy of the kit has no reference solutions (it is the student edition), so"
                        + " -Dgrader.target=solutions cannot be graded: grade your own labs with mvn -pl grader test.");
    }

    @Test
    void theFailedTestsFilterKeepsOnlyWhatFailedLastTime() {
        FailedTestsFilter filter = new FailedTestsFilter(Optional.of(java.util.Set.of("lab01 server: b")));
        assertThat(filter.apply(descriptor("b")).included()).isTrue();
        assertThat(filter.apply(descriptor("a")).included()).isFalse();
        assertThat(new FailedTestsFilter(Optional.empty()).apply(descriptor("a")).included()).isTrue();
    }

    private static org.junit.platform.engine.TestDescriptor descriptor(String displayName) {
        org.junit.platform.engine.TestDescriptor test = org.mockito.Mockito.mock(org.junit.platform.engine.TestDescriptor.class);
        org.mockito.Mockito.when(test.isTest()).thenReturn(true);
        org.mockito.Mockito.when(test.getDisplayName()).thenReturn(displayName);
        org.mockito.Mockito.when(test.getTags()).thenReturn(java.util.Set.of(org.junit.platform.engine.TestTag.create("lab01"),
                org.junit.platform.engine.TestTag.create("server")));
        return test;
    }
}
