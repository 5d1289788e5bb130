package socketlab.grader;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Renders bytes the way a student needs to see them in a failure: in quotes, with every
 * invisible thing made visible ({@code \r}, {@code \n}, tabs, control bytes, bytes that
 * are not valid UTF-8 as {@code \xNN}), and long text shortened in the middle.
 */
public final class Visible {
    /** Longest rendering before the middle is cut out. */
    static final int MAX_CHARS = 160;
    /**
     * Bytes escaped at each end of a long rendering: every byte gives at least a third of a
     * character, so 512 give at least 170, more than the 78 kept plus the few escapes of a
     * character cut at the window's edge.
     */
    private static final int WINDOW = 512;

    private Visible() {
    }

    /** A quoted, escaped, possibly shortened rendering of {@code bytes}. */
    static String of(byte[] bytes) {
        if (bytes.length > 2 * WINDOW) {
            // Only the ends are shown: escape a window at each end, not megabytes (a flood's
            // transcript has thousands of lines). Each window renders to far more than the part
            // kept, and UTF-8 resynchronises within a character, so the result is the same.
            String head = escape(java.util.Arrays.copyOfRange(bytes, 0, WINDOW));
            String tail = escape(java.util.Arrays.copyOfRange(bytes, bytes.length - WINDOW, bytes.length));
            return "\"" + cut(head, tail) + "\" (" + bytes.length + " bytes)";
        }
        String escaped = escape(bytes);
        String quoted = "\"" + shorten(escaped) + "\"";
        return escaped.length() > MAX_CHARS ? quoted + " (" + bytes.length + " bytes)" : quoted;
    }

    /** The same for text that will travel as UTF-8. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Escapes without quotes or shortening. Valid UTF-8 characters stay readable. */
    static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int length = utf8SequenceLength(bytes, i);
            if (length > 1) {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
                continue;
            }
            appendByte(out, bytes[i] & 0xff);
            i++;
        }
        return out.toString();
    }

    /** Octal escapes for a POSIX {@code printf} format, so a replay command works in any shell. */
    static String forPrintf(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\'') {
                out.append("\\047");
            } else if (c == '%') {
                out.append("%%");
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\%03o", c));
            }
        }
        return out.toString();
    }

    /** Decodes UTF-8 strictly; empty if the bytes are not valid UTF-8. */
    static java.util.Optional<String> strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return java.util.Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    /** Bytes as hex pairs, for when two renderings look alike but differ. */
    static String hex(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(String.format("%02x", bytes[i] & 0xff));
        }
        if (bytes.length > max) {
            out.append(" ...");
        }
        return out.toString();
    }

    static String shorten(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        return cut(text, text);
    }

    /** The start of {@code head} and the end of {@code tail}, with " ... " between them. */
    private static String cut(String head, String tail) {
        int keep = MAX_CHARS / 2 - 2;
        return head.substring(0, keep) + " ... " + tail.substring(tail.length() - keep);
    }

    private static void appendByte(StringBuilder out, int c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case '"' -> out.append("\\\"");
            default -> {
                if (c >= 0x20 && c < 0x7f) {
                    out.append((char) c);
                } else {
                    out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                }
            }
        }
    }

    /** Length of a valid multi-byte UTF-8 sequence at {@code i}, or 1 if there is none. */
    private static int utf8SequenceLength(byte[] bytes, int i) {
        int lead = bytes[i] & 0xff;
        int length;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
        } else {
            return 1;
        }
        if (i + length > bytes.length) {
            return 1;
        }
        byte[] sequence = java.util.Arrays.copyOfRange(bytes, i, i + length);
        String decoded = strictUtf8(sequence).orElse(null);
        if (decoded == null || decoded.codePoints().anyMatch(Character::isISOControl)) {
            return 1;
        }
        return length;
    }
}
