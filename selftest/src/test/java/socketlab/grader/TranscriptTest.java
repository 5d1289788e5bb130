package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transcript stays readable when a test opens 100 connections or sends a line in 64 pieces. */
class TranscriptTest {

    @Test
    void foldsRunsThatDifferOnlyInNumbersAndQuotedText() {
        List<String> entries = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            entries.add(String.format("%7s  (C%d connected to your server from port %d)", "+" + i + " ms", i, 40000 + i));
        }
        entries.add("  +200 ms  C1 -> your server            \"hello\\n\"");

        List<String> folded = Transcript.fold(entries);

        assertThat(folded).hasSize(4);
        assertThat(folded.get(0)).contains("C1 connected");
        assertThat(folded.get(1)).contains("... 98 more like these ...");
        assertThat(folded.get(2)).contains("C100 connected");
        assertThat(folded.get(3)).contains("hello");
    }

    @Test
    void keepsShortRunsAndDifferentDirectionsAsTheyAre() {
        Transcript transcript = new Transcript();
        for (int i = 0; i < 3; i++) {
            transcript.data("C1", "your server", ("line " + i + "\n").getBytes());
            transcript.data("your server", "C1", ("line " + i + "\n").getBytes());
        }
        assertThat(transcript.render().lines()).hasSize(6);
    }
}
