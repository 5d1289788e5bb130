package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The grader frames what it receives by newline, whatever the read() boundaries. */
class LineInboxTest {
    private static final byte[] STREAM = "one\ntwo\r\n\ncafé ✓\nlast without newline".getBytes(StandardCharsets.UTF_8);

    @RepeatedTest(50)
    void anySplitOfTheStreamGivesTheSameLines(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<String> framed = new ArrayList<>();
        LineInbox inbox = new LineInbox(1 << 20, line -> framed.add(new String(line, StandardCharsets.UTF_8)));
        int at = 0;
        while (at < STREAM.length) {
            int size = 1 + random.nextInt(Math.min(7, STREAM.length - at));
            inbox.accept(STREAM, at, size);
            at += size;
        }
        inbox.end(null);

        assertThat(framed).containsExactly("one", "two\r", "", "café ✓");
        assertThat(new String(inbox.unterminated(), StandardCharsets.UTF_8)).isEqualTo("last without newline");
        assertThat(inbox.isEnded()).isTrue();
    }

    @Test
    void stopsKeepingDataPastItsLimitAndSaysSo() {
        LineInbox inbox = new LineInbox(10, line -> { });
        byte[] flood = "0123456789abcdef\nmore\n".getBytes(StandardCharsets.UTF_8);
        inbox.accept(flood, 0, flood.length);

        assertThat(inbox.overflowed()).isTrue();
        assertThat(inbox.poll()).isNull();
        assertThat(inbox.receivedBytes()).isEqualTo(flood.length);
    }

    @Test
    void takesAPromptPrintedWithoutANewlineOffTheFront() {
        LineInbox inbox = new LineInbox(1 << 20, line -> { });
        byte[] prompt = "Choose your nickname: ".getBytes(StandardCharsets.UTF_8);
        inbox.accept(prompt, 0, prompt.length);
        assertThat(inbox.takePrefix(prompt)).as("the prompt, still unfinished").isTrue();
        byte[] rest = "Connected to server!\n".getBytes(StandardCharsets.UTF_8);
        inbox.accept(rest, 0, rest.length);
        assertThat(new String(inbox.poll(), StandardCharsets.UTF_8)).isEqualTo("Connected to server!");

        byte[] joined = "Choose your nickname: ERROR taken\n".getBytes(StandardCharsets.UTF_8);
        inbox.accept(joined, 0, joined.length);
        assertThat(inbox.takePrefix("Nope".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(inbox.takePrefix(prompt)).as("the prompt, at the front of a finished line").isTrue();
        assertThat(new String(inbox.poll(), StandardCharsets.UTF_8)).isEqualTo("ERROR taken");
    }
}
