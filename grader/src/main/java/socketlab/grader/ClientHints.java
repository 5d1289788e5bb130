package socketlab.grader;

/**
 * The hints of the client checks in {@link ClientUnderTest}, each in the words of the client's
 * language (see {@link Language}): what to write instead of a trimmed line, a last line cut or
 * lost, text decoded read by read, a stack trace where one line was due.
 */
final class ClientHints {
    private ClientHints() {
    }

    /** A refused connection (SPEC §1); {@code javaHint} is the lab's own words for its Java sources. */
    static String refusedConnection(Language language, String javaHint, String address) {
        String example = "\"Could not connect to " + address + ": Connection refused\"";
        return language.hint()
                .java(javaHint)
                .python("Catch the OSError that socket.create_connection() raises (ConnectionRefusedError is one), print"
                        + " one line such as " + example + " with print(..., file=sys.stderr), then sys.exit(1): an"
                        + " exception left uncaught prints a whole traceback.")
                .javascript("Handle the socket's 'error' event: print one line such as " + example + " with"
                        + " console.error(), then process.exit(1). Without a handler, Node throws and prints a stack trace.")
                .c("When connect() fails, print one line such as " + example + " (perror(\"connect\") or fprintf(stderr,"
                        + " ...)) and return 1 from main.")
                .otherwise("When the connection fails, print one line such as " + example + " on stderr, nothing more"
                        + " (no stack trace, no traceback), and exit with status 1.");
    }

    /** A line printed with U+FFFD where the grader had cut a character between two segments. */
    static String splitUtf8(Language language) {
        return language.hint()
                .java("Decode the socket as one stream: new BufferedReader(new InputStreamReader(in,"
                        + " StandardCharsets.UTF_8)) and readLine(), not new String(buffer, 0, n, UTF_8) per read(): a"
                        + " read can end in the middle of a character.")
                .python("Decode whole lines, not each recv(): read bytes until b\"\\n\" (sock.makefile(\"rb\") and"
                        + " readline(), or a buffer you split on b\"\\n\"), then decode the line. A recv() can end in the"
                        + " middle of a character.")
                .javascript("Call socket.setEncoding('utf8') (it keeps a cut character for the next chunk), or collect"
                        + " Buffers and decode whole lines: chunk.toString() on each 'data' event breaks a character cut"
                        + " between two chunks.")
                .otherwise("Decode whole lines, not each read: collect bytes until \\n, then decode the line as UTF-8."
                        + " A read can end in the middle of a multi-byte character.");
    }

    /** A line trimmed of its spaces or tabs. */
    static String noTrim(Language language) {
        return language.hint()
                .java("Do not call trim() or strip() on a line: readLine() already removed the line's end, and"
                        + " every other character, spaces and tabs included, is part of the message (SPEC §2: unchanged).")
                .python("Do not call strip() on a line: remove only the newline, with line.rstrip(\"\\n\") or"
                        + " removesuffix(\"\\n\"); spaces and tabs are part of the message (SPEC §2: unchanged).")
                .javascript("Do not call trim() on a line: readline's 'line' event already removed the newline, and"
                        + " spaces and tabs are part of the message (SPEC §2: unchanged).")
                .otherwise("Remove only the newline at the end of a line (and one \\r before it), nothing else:"
                        + " spaces and tabs at either end are part of the message (SPEC §2: unchanged).");
    }

    /** A last line ended by Ctrl-D, cut or never sent. */
    static String lastLine(Language language) {
        return language.hint()
                .java("The last line of stdin may end without \\n (Ctrl-D after some text): readLine() returns it"
                        + " like any other line, and only then null. Send it, and never cut the last character of a line"
                        + " to remove a newline.")
                .python("The last line of stdin may end without \\n (Ctrl-D after some text). line[:-1] then cuts"
                        + " its last character: remove the newline with line.rstrip(\"\\n\") or removesuffix(\"\\n\") and"
                        + " send that last line too.")
                .javascript("The last line of stdin may end without \\n (Ctrl-D after some text): readline emits it"
                        + " as a 'line' before 'close'. If you split the input yourself, send what is left at 'end' as a"
                        + " line too.")
                .otherwise("The last line of stdin may end without \\n (Ctrl-D after some text). It is still a line:"
                        + " send it with \\n, and remove a newline only where there is one, never by cutting the last"
                        + " character.");
    }
}
