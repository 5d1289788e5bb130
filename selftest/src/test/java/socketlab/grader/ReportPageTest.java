package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report page must show a student exactly what crossed the wire, bytes a browser would
 * hide included, and must stay a page whatever a program printed. These check the drawing
 * and the escaping; the selftest ClassGradingTest and the screenshots in the report check
 * the whole page from real runs.
 */
class ReportPageTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDiagramHasALifelinePerPeerAndShowsACarriageReturnInRed() {
        List<Transcript.Entry> entries = List.of(
                new Transcript.Event(3, Transcript.Kind.STARTED, "your server", "(the grader started your server)"),
                new Transcript.Event(250, Transcript.Kind.CONNECTED, "C1", "(C1 connected to your server from port 5)"),
                new Transcript.Data(251, "C1", "your server", bytes("hello\n")),
                new Transcript.Data(252, "your server", "C1", bytes("hello\r\n")),
                new Transcript.Event(260, Transcript.Kind.RESET, "C2", "(C2 reset the connection (RST))"));

        String svg = SequenceDiagram.svg(entries);

        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg).contains(">your server</text>", ">C1</text>", ">C2</text>");
        assertThat(svg).contains("<tspan class=\"esc\">\\r</tspan>");
        assertThat(svg).contains("+251 ms", "+252 ms", "reset (RST)");
        assertThat(svg.indexOf(">your server</text>")).as("the program is the first lifeline")
                .isLessThan(svg.indexOf(">C1</text>"));
    }

    @Test
    void aHundredClientsConnectingAreFoldedIntoFirstCountAndLast() {
        List<Transcript.Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            entries.add(new Transcript.Event(i, Transcript.Kind.CONNECTED, "C" + i, "(C" + i + " connected to your server)"));
        }
        entries.add(new Transcript.Data(200, "C1", "your server", bytes("x\n")));

        String svg = SequenceDiagram.svg(entries);

        assertThat(svg).contains("98 more like these");
        assertThat(svg.split("<line ", -1).length).as("a few arrows, not a hundred").isLessThan(30);
    }

    @Test
    void aLongExchangeKeepsItsStartAndEndAndLeavesOutTheMiddle() {
        List<Transcript.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            // A flood that does not fold: the grader and the program take turns.
            String line = "line " + i + " " + "x".repeat(2048) + "\n";
            entries.add(new Transcript.Data(i, "C1", "your server", bytes(line)));
            entries.add(new Transcript.Data(i, "your server", "C1", bytes(line)));
        }

        String svg = SequenceDiagram.svg(entries);

        assertThat(svg).contains("more entries, left out", "line 0 xxx", "line 4095 xxx", "(2056 bytes)");
        assertThat(svg).doesNotContain("line 2000 ");
        assertThat(svg.split("<line ", -1).length).as("about a hundred arrows, not eight thousand").isLessThan(120);
    }

    @Test
    void linesOfDifferentLengthsBetweenTheSamePeersFoldTogether() {
        List<Transcript.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(new Transcript.Data(i, "your server", "C" + (i % 7 + 1), bytes("y".repeat(i * 100) + "\n")));
        }

        String svg = SequenceDiagram.svg(entries);

        assertThat(svg).contains("48 more like these");
    }

    @Test
    void whateverAProgramPrintedStaysTextOnThePage() {
        String hostile = "</pre><script>alert(1)</script> & \u0000\u001b[31m \"quoted\" \uD800";

        String escaped = Html.escape(hostile);

        assertThat(escaped).doesNotContain("<script>", "</pre>", "\u0000", "\u001b", "\uD800");
        assertThat(escaped).contains("&lt;script&gt;", "&amp;", "\\x1b", "&quot;quoted&quot;");
    }

    @Test
    void aFailuresPartsAreFoundInTheConsolesReport() {
        FailureDetails details = FailureDetails.of("""
                lab01-echo does not compile, so its tests cannot run: fix the first error below (1 error in all), then grade again.

                  lab01-echo/src/main/java/lab01/EchoServer.java:3: error: ';' expected""", WorkStage.DOES_NOT_COMPILE);

        assertThat(details.headline()).startsWith("lab01-echo does not compile");
        assertThat(details.summary()).contains("EchoServer.java:3");
        assertThat(details.hint()).isEmpty();

        FailureDetails withHint = FailureDetails.of("""
                Your server did not echo the line

                  expected: "a\\n"
                  but got:  "a\\r\\n"

                Hint: strip the \\r.""", WorkStage.RAN);
        assertThat(withHint.headline()).isEqualTo("Your server did not echo the line");
        assertThat(withHint.hint()).isEqualTo("strip the \\r.");
        assertThat(withHint.summary()).contains("expected").doesNotContain("Hint");
    }
}
