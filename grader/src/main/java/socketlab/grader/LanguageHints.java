package socketlab.grader;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The engine's hints in the words of the program's language (see {@link Language}), each
 * written for Java, Python, JavaScript, maybe C, and in words that hold for any language. The
 * shared hints of {@link Hints} and {@link Diagnosis} are raised in Java's words and said in the
 * program's language when the report is written ({@link #in}); the client checks of
 * {@link ClientUnderTest} choose their words where they fail, since a test may add to them.
 */
final class LanguageHints {
    /** One hint in several languages' words; without {@code c}, a C program gets {@code any}. */
    record Worded(String java, String python, String javascript, String c, String any) {
        Worded(String java, String python, String javascript, String any) {
            this(java, python, javascript, null, any);
        }

        String in(Language language) {
            return language.hint().java(java).python(python).javascript(javascript).c(c).otherwise(any);
        }
    }

    private static final List<Worded> TRANSLATED = List.of(
            new Worded(Hints.FLUSH,
                    "Did you flush? A file made with sock.makefile('w') keeps what you write until it is flushed: call"
                            + " flush() after each line, or send bytes with sock.sendall((line + '\\n').encode('utf-8')).",
                    "Write each line with socket.write(line + '\\n') as soon as you have it; do not collect replies"
                            + " to send later, and do not cork the socket.",
                    "Did you flush? A buffered writer keeps what you write until it is full or flushed: flush after"
                            + " each line you send."),
            new Worded(Hints.CHARSET,
                    "Decode and encode with UTF-8 explicitly: sock.makefile('r', encoding='utf-8', newline='\\n'), or"
                            + " bytes.decode('utf-8') on whole lines, never the locale's default encoding.",
                    "Use UTF-8 explicitly: socket.setEncoding('utf8') (which also keeps characters split between"
                            + " chunks whole) and write strings as UTF-8.",
                    "Decode and encode every text as UTF-8, for the socket and for the terminal alike, never with"
                            + " the system's default charset."),
            new Worded(Hints.FRAMING,
                    "Your program treated each recv() as one message. TCP is a byte stream: one line may arrive in"
                            + " several recv() calls and several lines in one. Keep a buffer and cut it at each b'\\n',"
                            + " or read with sock.makefile().readline().",
                    "Your program treated each 'data' event as one message. TCP is a byte stream: one line may arrive"
                            + " in several chunks and several lines in one. Keep a buffer and cut it at each '\\n' (or use"
                            + " the readline module on the socket).",
                    "Your program treated each read as one message. TCP is a byte stream: one line may arrive in"
                            + " several reads and several lines in one. Keep a buffer and cut it at each newline."),
            new Worded(Hints.CRLF,
                    "Strip the \\r of a \\r\\n line ending (telnet sends one): line.removesuffix('\\r') after you cut at"
                            + " '\\n'. Send lines back with a bare '\\n'.",
                    "Strip the \\r of a \\r\\n line ending (telnet sends one) after you cut at '\\n'. Send lines back"
                            + " with a bare '\\n'.",
                    "Strip the \\r of a \\r\\n line ending (telnet sends one). Send lines back with a bare \\n."),
            new Worded(Hints.ECHO_EXACTLY,
                    "Send back exactly the line you read, followed by '\\n': remove only the line ending"
                            + " (line.removesuffix('\\n').removesuffix('\\r')), never strip() the spaces and tabs around"
                            + " the text; and never line[:-1], which eats the last character of a last line without \\n.",
                    "Send back exactly the line you read, followed by '\\n': remove only the newline, never trim() the"
                            + " spaces and tabs around the text.",
                    "Send back exactly the line you read, followed by a newline: remove only the newline, never the"
                            + " spaces and tabs around the text."),
            new Worded(Hints.SPLIT_CHARACTER,
                    "Decode whole lines, not each recv(): cut the bytes at b'\\n' first, then line.decode('utf-8') (or"
                            + " use codecs.getincrementaldecoder('utf-8')): a recv() can end in the middle of a character.",
                    "Call socket.setEncoding('utf8') (or use a StringDecoder) instead of chunk.toString() on each"
                            + " 'data' event: a chunk can end in the middle of a character.",
                    "Decode text only once a whole line has arrived (or with an incremental decoder): a read can end"
                            + " in the middle of a character."),
            new Worded(Hints.TRIMMED,
                    "Pass each line on exactly as it came: remove only the line ending"
                            + " (line.removesuffix('\\n').removesuffix('\\r')), never strip() it: the spaces and tabs around the text are part of it.",
                    "Pass each line on exactly as it came: remove only the newline, never trim() it: the spaces and"
                            + " tabs around the text are part of it.",
                    "Pass each line on exactly as it came: remove only the line ending, never the spaces and tabs"
                            + " around the text."),
            new Worded(Hints.PARTIAL_WRITES,
                    "sock.send() on a non-blocking socket may send only part of the bytes and returns how many: keep"
                            + " the rest and send it when the selector says the socket is writable again (or use"
                            + " sendall() on a blocking socket; in asyncio, writer.write() then await writer.drain()).",
                    "socket.write() returns false when the data was only queued: that is fine, Node keeps it; but"
                            + " data written after socket.end() or to a destroyed socket is lost. Do not drop replies"
                            + " when the peer is slow.",
                    "A write on a non-blocking socket may write only part of the bytes, and says how many: keep the"
                            + " rest and write it when the socket is writable again."),
            new Worded(Hints.SURVIVE_CLIENT_ERRORS,
                    "Catch OSError (ConnectionResetError, BrokenPipeError) around the work with one client, so that a"
                            + " client that resets or vanishes ends only that client's conversation.",
                    "Listen for each socket's 'error' event (socket.on('error', ...)): without a listener, one client's"
                            + " reset (ECONNRESET) crashes the whole server.",
                    "Handle the errors of one client's connection (a reset, a broken pipe) where you serve that"
                            + " client, so that it ends only that client's conversation."));

    private static final Map<String, Worded> BY_JAVA_WORDS = TRANSLATED.stream()
            .collect(Collectors.toMap(Worded::java, Function.identity()));

    /** A line printed with U+FFFD where the grader had cut a character between two segments. */
    static final Worded SPLIT_UTF8 = new Worded(
            "Decode the socket as one stream: new BufferedReader(new InputStreamReader(in,"
                    + " StandardCharsets.UTF_8)) and readLine(), not new String(buffer, 0, n, UTF_8) per read(): a"
                    + " read can end in the middle of a character.",
            "Decode whole lines, not each recv(): read bytes until b\"\\n\" (sock.makefile(\"rb\") and"
                    + " readline(), or a buffer you split on b\"\\n\"), then decode the line. A recv() can end in the"
                    + " middle of a character.",
            "Call socket.setEncoding('utf8') (it keeps a cut character for the next chunk), or collect"
                    + " Buffers and decode whole lines: chunk.toString() on each 'data' event breaks a character cut"
                    + " between two chunks.",
            "Decode whole lines, not each read: collect bytes until \\n, then decode the line as UTF-8."
                    + " A read can end in the middle of a multi-byte character.");

    /** A line trimmed of its spaces or tabs. */
    static final Worded NO_TRIM = new Worded(
            "Do not call trim() or strip() on a line: readLine() already removed the line's end, and"
                    + " every other character, spaces and tabs included, is part of the message (SPEC §2: unchanged).",
            "Do not call strip() on a line: remove only the newline, with line.rstrip(\"\\n\") or"
                    + " removesuffix(\"\\n\"); spaces and tabs are part of the message (SPEC §2: unchanged).",
            "Do not call trim() on a line: readline's 'line' event already removed the newline, and"
                    + " spaces and tabs are part of the message (SPEC §2: unchanged).",
            "Remove only the newline at the end of a line (and one \\r before it), nothing else:"
                    + " spaces and tabs at either end are part of the message (SPEC §2: unchanged).");

    /** A last line ended by Ctrl-D, cut or never sent. */
    static final Worded LAST_LINE = new Worded(
            "The last line of stdin may end without \\n (Ctrl-D after some text): readLine() returns it"
                    + " like any other line, and only then null. Send it, and never cut the last character of a line"
                    + " to remove a newline.",
            "The last line of stdin may end without \\n (Ctrl-D after some text). line[:-1] then cuts"
                    + " its last character: remove the newline with line.rstrip(\"\\n\") or removesuffix(\"\\n\") and"
                    + " send that last line too.",
            "The last line of stdin may end without \\n (Ctrl-D after some text): readline emits it"
                    + " as a 'line' before 'close'. If you split the input yourself, send what is left at 'end' as a"
                    + " line too.",
            "The last line of stdin may end without \\n (Ctrl-D after some text). It is still a line:"
                    + " send it with \\n, and remove a newline only where there is one, never by cutting the last"
                    + " character.");

    /** A typed line that never reached the server, or not as typed (lab 01's and lab 03's clients). */
    static final Worded SEND_EACH_LINE = new Worded(
            "Read stdin line by line (a BufferedReader over System.in, with UTF-8) and send each line to the server"
                    + " followed by \\n, flushing after each one.",
            "Read stdin line by line (for line in sys.stdin) and send each line to the server with its \\n:"
                    + " sock.sendall((line.rstrip(\"\\n\") + \"\\n\").encode(\"utf-8\")).",
            "Read stdin with readline.createInterface({ input: process.stdin }) and, on each 'line'"
                    + " event, socket.write(line + '\\n').",
            "Read stdin line by line and send each line to the server followed by \\n, at once (flush if"
                    + " your output is buffered).");

    /** A client that never connected to the grader's server. */
    static final Worded CONNECT_TO_THE_ARGUMENTS = new Worded(
            "The host and port come as the first two arguments: does your client use args[0] and"
                    + " args[1]? Is it waiting for input before it connects?",
            "The host and port come as the first two arguments: does your client use sys.argv[1]"
                    + " and sys.argv[2]? Is it waiting for input before it connects?",
            "The host and port come as the first two arguments: does your client use"
                    + " process.argv[2] and process.argv[3]? Is it waiting for input before it connects?",
            "The host and port come as the first two arguments: does your client use them? Is"
                    + " it waiting for input before it connects?");

    /** A line printed without its newline, or left in stdout's buffer. */
    static final Worded PRINT_WITH_NEWLINE = new Worded(
            "Print each line with its newline, and flush System.out (println does both on a PrintStream"
                    + " with autoFlush).",
            "Print each line with its newline and flush: print(line, flush=True). Here stdout is a pipe,"
                    + " which Python buffers.",
            null,
            "Print each line with its newline, then fflush(stdout): here stdout is a pipe, which C buffers"
                    + " fully.",
            "Print each line with its newline, and flush stdout after it: here it is a pipe, not a"
                    + " terminal, and may be buffered.");

    private LanguageHints() {
    }

    /** The hint in the words of {@code language}; a hint without other words stays as written. */
    static String in(Language language, String hint) {
        Worded worded = hint == null ? null : BY_JAVA_WORDS.get(hint);
        return worded == null ? hint : worded.in(language);
    }

    /** A refused connection (SPEC §1); {@code javaHint} is the lab's own words for its Java sources. */
    static String refusedConnection(Language language, String javaHint, String address) {
        String example = "\"Could not connect to " + address + ": Connection refused\"";
        return new Worded(javaHint,
                "Catch the OSError that socket.create_connection() raises (ConnectionRefusedError is one), print"
                        + " one line such as " + example + " with print(..., file=sys.stderr), then sys.exit(1): an"
                        + " exception left uncaught prints a whole traceback.",
                "Handle the socket's 'error' event: print one line such as " + example + " with"
                        + " console.error(), then process.exit(1). Without a handler, Node throws and prints a stack trace.",
                "When connect() fails, print one line such as " + example + " (perror(\"connect\") or fprintf(stderr,"
                        + " ...)) and return 1 from main.",
                "When the connection fails, print one line such as " + example + " on stderr, nothing more"
                        + " (no stack trace, no traceback), and exit with status 1.").in(language);
    }
}
