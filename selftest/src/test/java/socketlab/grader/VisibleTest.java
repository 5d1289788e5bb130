package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a student sees of bytes: invisible things made visible, valid text kept readable. */
class VisibleTest {

    @Test
    void showsLineEndingsAndControlBytes() {
        assertThat(Visible.of("a\tb\r\n")).isEqualTo("\"a\\tb\\r\\n\"");
        assertThat(Visible.of(new byte[] {'x', 0, 0x7f})).isEqualTo("\"x\\x00\\x7f\"");
    }

    @Test
    void keepsValidUtf8ReadableAndShowsBrokenBytesAsHex() {
        assertThat(Visible.of("café ✓")).isEqualTo("\"café ✓\"");
        byte[] cut = {'c', 'a', 'f', (byte) 0xc3};
        assertThat(Visible.of(cut)).isEqualTo("\"caf\\xc3\"");
    }

    @Test
    void shortensLongTextInTheMiddleAndSaysHowLongItWas() {
        String rendered = Visible.of("x".repeat(70_000));
        assertThat(rendered).hasSizeLessThan(220).contains(" ... ").endsWith("(70000 bytes)");
    }

    /**
     * A long rendering escapes only a window at each end (a flood's transcript holds megabytes):
     * it must show exactly what escaping everything shows, whatever the bytes around the cuts
     * (ASCII, 2-, 3- and 4-byte characters, broken sequences, control bytes).
     */
    @Test
    void aLongRenderingIsTheSameAsEscapingEverything() {
        java.util.Random random = new java.util.Random(42);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
                "€".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8), {(byte) 0xe2, (byte) 0x82},
                {'\r'}, {0}, {(byte) 0xff}};
        for (int round = 0; round < 300; round++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int target = 1000 + random.nextInt(9000);
            while (bytes.size() < target) {
                bytes.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] all = bytes.toByteArray();
            String everything = "\"" + Visible.shorten(Visible.escape(all)) + "\"" + " (" + all.length + " bytes)";
            assertThat(Visible.of(all)).as("round %d, %d bytes", round, all.length).isEqualTo(everything);
        }
    }

    @Test
    void theReplayFormatGivesBackTheExactBytesThroughPrintf() throws IOException, InterruptedException {
        byte[] bytes = "it's 100% \\ café\r\nnext".getBytes(StandardCharsets.UTF_8);
        Process printf = new ProcessBuilder("sh", "-c", "printf '" + Visible.forPrintf(bytes) + "'").start();
        byte[] out = printf.getInputStream().readAllBytes();
        assertThat(printf.waitFor(10, TimeUnit.SECONDS)).as("printf finished").isTrue();
        assertThat(out).as("the bytes printf produced from the replay command").isEqualTo(bytes);
    }
}
