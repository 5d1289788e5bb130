package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The classic shapes of a wrong line are recognised and get their precise hint. */
class DiagnosisTest {

    private static java.util.Optional<String> diagnose(String expected, String actual) {
        return Diagnosis.of(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCarriageReturnBeforeTheNewline() {
        assertThat(diagnose("hello", "hello\r")).contains(Diagnosis.CRLF);
    }

    @Test
    void textMangledByADefaultCharset() {
        assertThat(diagnose("café ✓", "caf? ?")).contains(Diagnosis.CHARSET);
        assertThat(diagnose("café", "caf\uFFFD\uFFFD")).contains(Diagnosis.CHARSET);
    }

    @Test
    void aLineCutShortAndALineWithTextAdded() {
        assertThat(diagnose("hello world", "hello")).contains(Diagnosis.READ_SIZE);
        assertThat(diagnose("hello", "Echo: hello")).contains(Diagnosis.ADDED_TEXT);
    }

    @Test
    void aPlainlyDifferentLineIsLeftToTheTestsOwnHint() {
        assertThat(diagnose("hello", "goodbye")).isEmpty();
        assertThat(diagnose("naïve", "naïve ")).contains(Diagnosis.ADDED_TEXT);
    }
}
