package socketlab.grader;

import java.util.Map;

/**
 * The shared hints said in the words of the program's language. A hint is written once, for
 * Java, in {@link Hints} and {@link Diagnosis}; here each has its Python and JavaScript
 * variant and one that holds for any language, chosen when the report is written.
 */
final class LanguageHints {
    private record Variants(String python, String javascript, String any) {
        String in(Language language, String java) {
            return language.hint().java(java).python(python).javascript(javascript).otherwise(any);
        }
    }

    private static final Map<String, Variants> VARIANTS = Map.of(
            Hints.FLUSH, new Variants(
                    "Did you flush? A file made with sock.makefile('w') keeps what you write until it is flushed: call"
                            + " flush() after each line, or send bytes with sock.sendall((line + '\\n').encode('utf-8')).",
                    "Write each line with socket.write(line + '\\n') as soon as you have it; do not collect replies"
                            + " to send later, and do not cork the socket.",
                    "Did you flush? A buffered writer keeps what you write until it is full or flushed: flush after"
                            + " each line you send."),
            Hints.CHARSET, new Variants(
                    "Decode and encode with UTF-8 explicitly: sock.makefile('r', encoding='utf-8', newline='\\n'), or"
                            + " bytes.decode('utf-8') on whole lines, never the locale's default encoding.",
                    "Use UTF-8 explicitly: socket.setEncoding('utf8') (which also keeps characters split between"
                            + " chunks whole) and write strings as UTF-8.",
                    "Decode and encode every text as UTF-8, for the socket and for the terminal alike, never with"
                            + " the system's default charset."),
            Hints.FRAMING, new Variants(
                    "Your program treated each recv() as one message. TCP is a byte stream: one line may arrive in"
                            + " several recv() calls and several lines in one. Keep a buffer and cut it at each b'\\n',"
                            + " or read with sock.makefile().readline().",
                    "Your program treated each 'data' event as one message. TCP is a byte stream: one line may arrive"
                            + " in several chunks and several lines in one. Keep a buffer and cut it at each '\\n' (or use"
                            + " the readline module on the socket).",
                    "Your program treated each read as one message. TCP is a byte stream: one line may arrive in"
                            + " several reads and several lines in one. Keep a buffer and cut it at each newline."),
            Hints.CRLF, new Variants(
                    "Strip the \\r of a \\r\\n line ending (telnet sends one): line.removesuffix('\\r') after you cut at"
                            + " '\\n'. Send lines back with a bare '\\n'.",
                    "Strip the \\r of a \\r\\n line ending (telnet sends one) after you cut at '\\n'. Send lines back"
                            + " with a bare '\\n'.",
                    "Strip the \\r of a \\r\\n line ending (telnet sends one). Send lines back with a bare \\n."),
            Hints.ECHO_EXACTLY, new Variants(
                    "Send back exactly the line you read, followed by '\\n': remove only the line ending"
                            + " (line.removesuffix('\\n').removesuffix('\\r')), never strip() the spaces and tabs around"
                            + " the text; and never line[:-1], which eats the last character of a last line without \\n.",
                    "Send back exactly the line you read, followed by '\\n': remove only the newline, never trim() the"
                            + " spaces and tabs around the text.",
                    "Send back exactly the line you read, followed by a newline: remove only the newline, never the"
                            + " spaces and tabs around the text."),
            Hints.SPLIT_CHARACTER, new Variants(
                    "Decode whole lines, not each recv(): cut the bytes at b'\\n' first, then line.decode('utf-8') (or"
                            + " use codecs.getincrementaldecoder('utf-8')): a recv() can end in the middle of a character.",
                    "Call socket.setEncoding('utf8') (or use a StringDecoder) instead of chunk.toString() on each"
                            + " 'data' event: a chunk can end in the middle of a character.",
                    "Decode text only once a whole line has arrived (or with an incremental decoder): a read can end"
                            + " in the middle of a character."),
            Hints.TRIMMED, new Variants(
                    "Pass each line on exactly as it came: remove only the line ending"
                            + " (line.removesuffix('\\n').removesuffix('\\r')), never strip() it: the spaces and tabs around the text are part of it.",
                    "Pass each line on exactly as it came: remove only the newline, never trim() it: the spaces and"
                            + " tabs around the text are part of it.",
                    "Pass each line on exactly as it came: remove only the line ending, never the spaces and tabs"
                            + " around the text."),
            Hints.PARTIAL_WRITES, new Variants(
                    "sock.send() on a non-blocking socket may send only part of the bytes and returns how many: keep"
                            + " the rest and send it when the selector says the socket is writable again (or use"
                            + " sendall() on a blocking socket; in asyncio, writer.write() then await writer.drain()).",
                    "socket.write() returns false when the data was only queued: that is fine, Node keeps it; but"
                            + " data written after socket.end() or to a destroyed socket is lost. Do not drop replies"
                            + " when the peer is slow.",
                    "A write on a non-blocking socket may write only part of the bytes, and says how many: keep the"
                            + " rest and write it when the socket is writable again."),
            Hints.SURVIVE_CLIENT_ERRORS, new Variants(
                    "Catch OSError (ConnectionResetError, BrokenPipeError) around the work with one client, so that a"
                            + " client that resets or vanishes ends only that client's conversation.",
                    "Listen for each socket's 'error' event (socket.on('error', ...)): without a listener, one client's"
                            + " reset (ECONNRESET) crashes the whole server.",
                    "Handle the errors of one client's connection (a reset, a broken pipe) where you serve that"
                            + " client, so that it ends only that client's conversation."));

    private LanguageHints() {
    }

    /** The hint in the words of {@code language}; a hint without variants stays as written. */
    static String in(Language language, String hint) {
        Variants variants = hint == null ? null : VARIANTS.get(hint);
        return variants == null ? hint : variants.in(language, hint);
    }
}
