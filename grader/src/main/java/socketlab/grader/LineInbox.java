package socketlab.grader;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Frames a byte stream into lines exactly as SPEC §1 says a receiver must: by {@code \n},
 * whatever the read() boundaries were. Lines keep their bytes untouched (a {@code \r} stays,
 * so the grader can show it); what is left after the last {@code \n} when the stream ends
 * is kept as an unterminated tail. It is bounded: past {@link #limit} bytes it stops keeping
 * data and says so, so a program that floods the grader cannot exhaust it.
 */
final class LineInbox {
    private final long limit;
    private final Consumer<byte[]> onLine;
    private final Deque<byte[]> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final java.util.List<byte[]> toleratedOnce = new java.util.ArrayList<>();
    private long kept;
    private long received;
    private boolean overflowed;
    private boolean ended;
    private String endReason;

    /**
     * @param limit  bytes kept at most before the inbox stops keeping data
     * @param onLine told about each complete line as it is framed (for the transcript)
     */
    LineInbox(long limit, Consumer<byte[]> onLine) {
        this.limit = limit;
        this.onLine = onLine;
    }

    /** Adds bytes as they came from one read(). */
    void accept(byte[] buffer, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '\n') {
                appendPartial(buffer, start, i - start);
                completeLine();
                start = i + 1;
            }
        }
        appendPartial(buffer, start, end - start);
    }

    private synchronized void appendPartial(byte[] buffer, int offset, int length) {
        received += length;
        if (overflowed || length == 0) {
            return;
        }
        if (kept + partial.size() + length > limit) {
            overflowed = true;
            return;
        }
        partial.write(buffer, offset, length);
    }

    private void completeLine() {
        byte[] line;
        synchronized (this) {
            received++;
            if (overflowed) {
                return;
            }
            line = partial.toByteArray();
            partial.reset();
            kept += line.length + 1;
            if (!takeTolerated(line)) {
                lines.add(line);
            }
        }
        onLine.accept(line);
    }

    /**
     * Lets {@code line} arrive once without any expectation seeing it, as long as no line has
     * been taken yet: the leftover of a race the protocol allows, which can only come first.
     * It is still told to {@code onLine} (the transcript shows it); a second copy, or one that
     * comes after a line was taken, is an ordinary line.
     */
    synchronized void tolerateOnce(byte[] line) {
        for (byte[] waiting : lines) {
            if (java.util.Arrays.equals(waiting, line)) {
                lines.remove(waiting);
                return;
            }
        }
        toleratedOnce.add(line.clone());
    }

    private boolean takeTolerated(byte[] line) {
        for (java.util.Iterator<byte[]> it = toleratedOnce.iterator(); it.hasNext(); ) {
            if (java.util.Arrays.equals(it.next(), line)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** The stream ended: EOF ({@code reason} null) or an error such as a reset. */
    synchronized void end(String reason) {
        if (!ended) {
            ended = true;
            endReason = reason;
        }
    }

    /** The next complete line, without its {@code \n}, or null if none has arrived. */
    synchronized byte[] poll() {
        byte[] line = lines.poll();
        if (line != null) {
            toleratedOnce.clear();
        }
        return line;
    }

    /**
     * Takes {@code prefix} off the front of what arrived and was not taken yet (a prompt
     * printed without a newline): from the unfinished line, or from the next complete one.
     *
     * @return whether the prefix was there and has been taken
     */
    synchronized boolean takePrefix(byte[] prefix) {
        byte[] next = lines.peek();
        if (next != null) {
            if (!startsWith(next, prefix)) {
                return false;
            }
            lines.poll();
            lines.addFirst(java.util.Arrays.copyOfRange(next, prefix.length, next.length));
            return true;
        }
        byte[] unfinished = partial.toByteArray();
        if (!startsWith(unfinished, prefix)) {
            return false;
        }
        partial.reset();
        partial.write(unfinished, prefix.length, unfinished.length - prefix.length);
        return true;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The complete lines that arrived and were not taken yet, without taking them. */
    synchronized java.util.List<byte[]> pending() {
        return java.util.List.copyOf(lines);
    }

    synchronized boolean hasLine() {
        return !lines.isEmpty();
    }

    synchronized boolean isEnded() {
        return ended;
    }

    /** Null for a clean end of stream; otherwise what went wrong (e.g. "Connection reset"). */
    synchronized String endReason() {
        return endReason;
    }

    /** Bytes after the last newline: a line that has not been finished (yet). */
    synchronized byte[] unterminated() {
        return partial.toByteArray();
    }

    synchronized boolean overflowed() {
        return overflowed;
    }

    /** Every byte seen, kept or not. */
    synchronized long receivedBytes() {
        return received;
    }
}
