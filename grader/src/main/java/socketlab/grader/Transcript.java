package socketlab.grader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that crossed the wire during one test, in order, with milliseconds since the
 * test began: each line each side sent and received, and events such as connects, closes
 * and resets. Entries are typed ({@link Data}, {@link Event}), so that the grader decides on
 * what happened, never on how it was worded, and each report (the console's text, the report
 * page's sequence diagram) renders them its own way. It speaks from the program's side
 * ("your server", "your client") and keeps exact bytes. Thread-safe: peers record from their
 * own reader threads.
 */
public final class Transcript {
    /** Entries shown at the start and at the end of a long transcript. */
    private static final int HEAD = 40;
    private static final int TAIL = 25;

    private final long startNanos = System.nanoTime();
    private final List<Entry> entries = new ArrayList<>();

    /** One thing that happened, {@link #millis()} after the test began. */
    sealed interface Entry permits Data, Event {
        long millis();

        /** The entry as one line of the console's transcript, without its time. */
        String text();
    }

    /** Bytes that {@code from} sent to {@code to}: a line, a piece of one, or a typed stdin line. */
    record Data(long millis, String from, String to, byte[] bytes) implements Entry {
        @Override
        public String text() {
            return String.format("%-28s %s", from + " -> " + to, Visible.of(bytes));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data data && data.millis == millis && data.from.equals(from) && data.to.equals(to)
                    && Arrays.equals(data.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + from.hashCode();
        }

        @Override
        public String toString() {
            return "+" + millis + " ms " + text();
        }
    }

    /** What kind of event: decisions and drawings use this, never the event's words. */
    enum Kind {
        /** The grader started a program. */
        STARTED,
        /** A server (the program, or the grader's own) listens. */
        LISTENING,
        /** A connection was made. */
        CONNECTED,
        /** A connection could not be made. */
        CONNECT_FAILED,
        /** The grader could not send on a connection. */
        SEND_FAILED,
        /** A side shut down its sending half. */
        HALF_CLOSED,
        /** The grader aborted a connection with a TCP reset. */
        RESET,
        /** The grader closed a connection. */
        CLOSED_BY_GRADER,
        /** The program closed a connection. */
        CLOSED_BY_PROGRAM,
        /** A connection ended with an error (usually a reset by the program). */
        ENDED,
        /** A program exited. */
        EXITED,
        /** The program's stdin was closed (end of input). */
        INPUT_ENDED,
        /** Anything else worth showing. */
        NOTE
    }

    /**
     * Something that happened without data.
     *
     * @param actor who did it, as the transcript names peers ("C1", "your server", "stdin")
     */
    record Event(long millis, Kind kind, String actor, String text) implements Entry {
        @Override
        public String text() {
            return "(" + text + ")";
        }

        @Override
        public String toString() {
            return "+" + millis + " ms " + text();
        }
    }

    /** A line or chunk of bytes that {@code from} sent to {@code to}. */
    void data(String from, String to, byte[] bytes) {
        add(new Data(now(), from, to, bytes.clone()));
    }

    /** Something that {@code actor} did or that happened to it, e.g. a connect, a close, a reset. */
    void event(Kind kind, String actor, String text) {
        add(new Event(now(), kind, actor, text));
    }

    /** A note that belongs to no peer in particular. */
    public void note(String text) {
        event(Kind.NOTE, "", text);
    }

    private long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private synchronized void add(Entry entry) {
        entries.add(entry);
    }

    synchronized int size() {
        return entries.size();
    }

    /** Every entry so far, in order. */
    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Whether an event of this kind happened. */
    synchronized boolean has(Kind kind) {
        return entries.stream().anyMatch(entry -> entry instanceof Event event && event.kind() == kind);
    }

    /**
     * The transcript for a failure message. Runs of entries that differ only in their
     * numbers (100 clients connecting, 64 pieces of a long line) are folded into their first
     * and last entry, and the middle of a very long transcript is left out.
     */
    public String render() {
        List<String> lines = entries().stream()
                .map(entry -> String.format("%7s  %s", "+" + entry.millis() + " ms", entry.text())).toList();
        if (lines.isEmpty()) {
            return "  (nothing was sent or received)";
        }
        List<String> folded = fold(lines);
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

    /** Folds each run of five or more rendered entries alike but for their numbers and quoted text. */
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

    /** How a rendered entry looks with its numbers and quoted text left out (presentation only). */
    private static String shape(String entry) {
        String withoutTime = entry.substring(Math.min(entry.length(), 9));
        return withoutTime.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"( \\(\\d+ bytes\\))?", "\"…\"").replaceAll("\\d+", "#");
    }
}
