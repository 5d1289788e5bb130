package socketlab.grader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines a program printed on one stream, for the failure report. It keeps a
 * fixed number of lines, each cut to a fixed width, so a program that prints gigabytes
 * (or one endless line) costs the grader nothing but the reading.
 */
final class OutputTail {
    private static final int LINES = 25;
    private static final int WIDTH = 300;

    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long currentLength;
    private long totalLines;

    synchronized void accept(byte[] buffer, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '\n') {
                keep(buffer, start, i - start);
                finishLine();
                start = i + 1;
            }
        }
        keep(buffer, start, end - start);
    }

    /** Keeps the start of a line, up to a few times the width shown; counts the rest. */
    private void keep(byte[] buffer, int offset, int length) {
        int room = Math.max(0, WIDTH * 4 - current.size());
        current.write(buffer, offset, Math.min(room, length));
        currentLength += length;
    }

    private void finishLine() {
        String text = render();
        totalLines++;
        current.reset();
        currentLength = 0;
        if (lines.size() == LINES) {
            lines.removeFirst();
        }
        lines.addLast(text);
    }

    private String render() {
        String text = new String(current.toByteArray(), StandardCharsets.UTF_8).replace("\r", "");
        if (text.length() > WIDTH || currentLength > current.size()) {
            text = text.substring(0, Math.min(text.length(), WIDTH)) + " ... (" + currentLength + " bytes)";
        }
        return text;
    }

    /** The kept lines with each run of identical lines folded into one, marked with its count. */
    synchronized List<String> foldedLines() {
        List<String> out = new java.util.ArrayList<>();
        List<String> all = lines();
        int i = 0;
        while (i < all.size()) {
            int end = i + 1;
            while (end < all.size() && all.get(end).equals(all.get(i))) {
                end++;
            }
            out.add(end - i > 1 ? all.get(i) + "   (the same line " + (end - i) + " times)" : all.get(i));
            i = end;
        }
        return out;
    }

    /** The kept lines, the unfinished last one included, in order. */
    synchronized List<String> lines() {
        List<String> all = new java.util.ArrayList<>(lines);
        if (currentLength > 0) {
            all.add(render());
        }
        return all;
    }

    /** How many lines came before the kept ones. */
    synchronized long linesNotShown() {
        return Math.max(0, totalLines + (currentLength > 0 ? 1 : 0) - lines().size());
    }
}
