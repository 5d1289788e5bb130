package socketlab.grader;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that crossed the wire during one test, in order, with milliseconds since the
 * test began: each line each side sent and received, and events such as connects, closes
 * and resets. It is the first thing a student reads after the headline of a failure, so it
 * speaks from their program's side ("your server", "your client") and shows exact bytes.
 * Thread-safe: peers record from their own reader threads.
 */
public final class Transcript {
    /** Entries shown at the start and at the end of a long transcript. */
    private static final int HEAD = 40;
    private static final int TAIL = 25;

    private final long startNanos = System.nanoTime();
    private final List<String> entries = new ArrayList<>();

    /** A line or chunk of bytes that {@code from} sent to {@code to}. */
    public void data(String from, String to, byte[] bytes) {
        add(String.format("%-28s %s", from + " -> " + to, Visible.of(bytes)));
    }

    /** Something that happened without data: a connect, a close, a reset, an exit. */
    public void event(String text) {
        add("(" + text + ")");
    }

    private synchronized void add(String text) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        entries.add(String.format("%7s  %s", "+" + millis + " ms", text));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /**
     * The transcript for a failure message. Runs of entries that differ only in their
     * numbers (100 clients connecting, 64 pieces of a long line) are folded into their first
     * and last entry, and the middle of a very long transcript is left out.
     */
    public synchronized String render() {
        if (entries.isEmpty()) {
            return "  (nothing was sent or received)";
        }
        List<String> folded = fold(entries);
        StringBuilder out = new StringBuilder();
        if (folded.size() <= HEAD + TAIL) {
            folded.forEach(entry -> out.append("  ").append(entry).append('\n'));
        } else {
            folded.subList(0, HEAD).forEach(entry -> out.append("  ").append(entry).append('\n'));
            out.append("  ... ").append(folded.size() - HEAD - TAIL).append(" more entries ...\n");
            folded.subList(folded.size() - TAIL, folded.size()).forEach(entry -> out.append("  ").append(entry).append('\n'));
        }
        return out.toString().stripTrailing();
    }

    /** Folds each run of five or more entries alike but for their numbers and quoted text. */
    static List<String> fold(List<String> entries) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            int end = i + 1;
            while (end < entries.size() && shape(entries.get(end)).equals(shape(entries.get(i)))) {
                end++;
            }
            if (end - i >= 5) {
                out.add(entries.get(i));
                out.add(String.format("%7s  ... %d more like these ...", "", end - i - 2));
                out.add(entries.get(end - 1));
            } else {
                out.addAll(entries.subList(i, end));
            }
            i = end;
        }
        return out;
    }

    private static String shape(String entry) {
        String withoutTime = entry.substring(Math.min(entry.length(), 9));
        return withoutTime.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"( \\(\\d+ bytes\\))?", "\"…\"").replaceAll("\\d+", "#");
    }
}
