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

    /** The transcript for a failure message; the middle of a very long one is left out. */
    public synchronized String render() {
        if (entries.isEmpty()) {
            return "  (nothing was sent or received)";
        }
        StringBuilder out = new StringBuilder();
        if (entries.size() <= HEAD + TAIL) {
            entries.forEach(entry -> out.append("  ").append(entry).append('\n'));
        } else {
            entries.subList(0, HEAD).forEach(entry -> out.append("  ").append(entry).append('\n'));
            out.append("  ... ").append(entries.size() - HEAD - TAIL).append(" more entries ...\n");
            entries.subList(entries.size() - TAIL, entries.size())
                    .forEach(entry -> out.append("  ").append(entry).append('\n'));
        }
        return out.toString().stripTrailing();
    }
}
