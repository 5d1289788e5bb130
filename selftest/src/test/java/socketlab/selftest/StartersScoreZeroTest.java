package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * The untouched starter code earns no point, and every one of its failures sends the
 * student to the handout step they have to write next.
 */
@ExtendWith(NoLeftoversExtension.class)
class StartersScoreZeroTest {

    static Stream<Arguments> labsAndRoles() {
        return Arrays.stream(Lab.values()).flatMap(lab -> lab.roles().stream().map(role -> Arguments.of(lab, role)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("labsAndRoles")
    void everyGradedTestFailsWithAPointerToTheHandout(Lab lab, Role role) {
        Verdicts verdicts = GradingRun.of(lab, role).run();
        assumeFalse(verdicts.order().isEmpty(), lab.tag() + " has no graded " + role.tag() + " tests");

        assertThat(verdicts.order().stream().map(verdicts::of).filter(GradingRun.Verdict::passed).toList())
                .as("graded tests the untouched starter of %s passes (it must pass none)", lab.module())
                .isEmpty();
        for (GradingRun.Verdict verdict : verdicts.failed()) {
            assertThat(verdict.message())
                    .as("the failure of '%s' against the starter", verdict.displayName())
                    .matches("(?s)FAILED: [^\n]*\n\nNot implemented yet: see step \\d+ of the handout \\("
                            + java.util.regex.Pattern.quote(lab.handout()) + "\\).*");
        }
    }
}
