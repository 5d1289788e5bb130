package socketlab.grader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises the classic shapes of a wrong line, whatever the test: a {@code \r\n} ending,
 * text mangled by a non-UTF-8 charset, a line cut in two, two lines glued together. When it
 * recognises one, its hint is more precise than the test's general one.
 */
public final class Diagnosis {
    static final String CHARSET = "Your program decoded or encoded text with the platform's default"
            + " charset (the grader runs it with US-ASCII, as some machines do). Name UTF-8 every time"
            + " you turn bytes into text or back: new InputStreamReader(in, StandardCharsets.UTF_8),"
            + " new OutputStreamWriter(out, StandardCharsets.UTF_8), new PrintWriter(..., UTF_8),"
            + " for the socket, System.in and System.out alike (for System.out:"
            + " new PrintStream(System.out, true, StandardCharsets.UTF_8)).";
    static final String CRLF = "Lines must end with a bare \\n, but this one ended with \\r\\n. If the \\r came from the"
            + " other side (telnet sends \\r\\n), strip it: BufferedReader.readLine() does. If your program added it:"
            + " println() uses the platform's line separator (\\r\\n on Windows), so write line + \"\\n\" instead.";
    static final String READ_SIZE = "Your program treated each read() as one message. TCP is a byte stream:"
            + " one line may arrive in several reads and several lines in one. Frame by newline, e.g."
            + " with BufferedReader.readLine().";

    static final String ADDED_TEXT = "The expected text is there, but with something added around it. Send exactly"
            + " the text the protocol asks for: no label, no extra spaces, nothing trimmed or added.";

    private Diagnosis() {
    }

    /** A precise hint for {@code actual} arriving where {@code expected} should have, if any. */
    static Optional<String> of(byte[] expected, byte[] actual) {
        if (endsWithCr(actual) && Arrays.equals(expected, Arrays.copyOf(actual, actual.length - 1))) {
            return Optional.of(CRLF);
        }
        if (looksLikeCharsetDamage(expected, actual)) {
            return Optional.of(damageHint(expected, actual));
        }
        if (actual.length < expected.length && startsWith(expected, actual)) {
            return Optional.of(READ_SIZE);
        }
        if (actual.length > expected.length && contains(actual, expected)) {
            return Optional.of(ADDED_TEXT);
        }
        return Optional.empty();
    }

    /**
     * For a line whose non-ASCII characters were damaged, which bug did it: some of them came
     * through whole and others did not, so the charset was right and the text was decoded one
     * read at a time, cutting the characters that a read split; or all of them were damaged,
     * so the charset was wrong.
     */
    static String damageHint(byte[] expected, byte[] actual) {
        String want = new String(expected, StandardCharsets.UTF_8);
        String got = new String(actual, StandardCharsets.UTF_8);
        boolean someSurvived = want.codePoints().filter(c -> c >= 0x80)
                .anyMatch(c -> got.indexOf(new String(Character.toChars(c))) >= 0);
        return someSurvived ? Hints.SPLIT_CHARACTER : CHARSET;
    }

    /** The same, for text: {@link Hints#SPLIT_CHARACTER} or {@link Hints#CHARSET}. */
    public static String damageHint(String want, String got) {
        return damageHint(want.getBytes(StandardCharsets.UTF_8), got.getBytes(StandardCharsets.UTF_8));
    }

    /** The same, for text: true when {@code got} is {@code want} with its non-ASCII characters damaged. */
    public static boolean looksLikeCharsetDamage(String want, String got) {
        return looksLikeCharsetDamage(want.getBytes(StandardCharsets.UTF_8), got.getBytes(StandardCharsets.UTF_8));
    }

    static boolean endsWithCr(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r';
    }

    /**
     * True when the expected text has non-ASCII characters and the actual text matches it
     * except where those characters were replaced ('?', U+FFFD, or mis-decoded Latin-1).
     */
    static boolean looksLikeCharsetDamage(byte[] expected, byte[] actual) {
        String want = new String(expected, StandardCharsets.UTF_8);
        if (want.chars().allMatch(c -> c < 0x80)) {
            return false;
        }
        String got = new String(actual, StandardCharsets.UTF_8);
        if (got.equals(want)) {
            return false;
        }
        String asciiSkeletonWant = want.replaceAll("[^\\x00-\\x7f]", "");
        String asciiSkeletonGot = got.replaceAll("[^\\x00-\\x7f]", "").replace("?", "");
        return asciiSkeletonGot.equals(asciiSkeletonWant.replace("?", ""));
    }

    private static boolean contains(byte[] whole, byte[] part) {
        return new String(whole, StandardCharsets.ISO_8859_1).contains(new String(part, StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] whole, byte[] prefix) {
        return prefix.length > 0 && Arrays.equals(Arrays.copyOf(whole, prefix.length), prefix);
    }
}
