package socketlab.grader;

/**
 * Hints that name the classic socket bugs, shared by the labs' tests. Each says what the
 * bug probably is and what to write instead, in a sentence or two a student can act on.
 */
public final class Hints {
    public static final String FLUSH = "Did you flush? A BufferedWriter or PrintWriter keeps what you write until it"
            + " is full or flushed: call flush() after each line, or use new PrintWriter(writer, true) with println.";
    public static final String FRAMING = Diagnosis.READ_SIZE;
    public static final String CHARSET = Diagnosis.CHARSET;
    public static final String CRLF = "Strip the \\r of a \\r\\n line ending (telnet sends one); BufferedReader.readLine()"
            + " does it for you. Send lines back with a bare \\n.";
    public static final String CLOSE_WHEN_CLIENT_LEAVES = "When readLine() returns null the client has finished:"
            + " close that client's socket (try-with-resources does it), then go back to accept().";
    public static final String SURVIVE_CLIENT_ERRORS = "Catch IOException around the work with one client, so that a"
            + " client that resets or vanishes ends only that client's conversation, and the server goes on accepting.";
    public static final String ECHO_EXACTLY = "Send back exactly the line you read, followed by \\n: no prefix, no"
            + " trimming, no extra lines.";
    public static final String ECHO = "Send back exactly the line you read, with \\n after it, and flush after each"
            + " line: flush() on a BufferedWriter, or a PrintWriter made with autoFlush true and println.";
    static final String SERVE_UNTIL_THE_CLIENT_LEAVES = "Serve each client in a loop: read a line, answer it,"
            + " and go on until the client is done (readLine() returns null); close its socket only then. A client may"
            + " send many lines on one connection.";
    public static final String READ_UNTIL_END = "Keep reading until readLine() returns null: a client may send its last"
            + " line without \\n just before it half-closes, and readLine() returns that line before it returns null.";

    public static final String SPLIT_CHARACTER = "Decode text with a Reader over the whole stream (new"
            + " InputStreamReader(in, StandardCharsets.UTF_8)), not one new String(buffer, 0, n) per read(): a read can"
            + " end in the middle of a character.";
    public static final String TRIMMED = "Pass each line on exactly as it came: do not trim() or strip() it. The"
            + " spaces and tabs around the text are part of the line; remove only the line ending (readLine() does).";
    public static final String PARTIAL_WRITES = "Replies were lost while the client was slow to read. A write on a"
            + " non-blocking channel (SocketChannel.write) may write only part of the buffer and returns how many bytes"
            + " it wrote: keep what is left (buffer.hasRemaining()) and write it when the selector says the channel is"
            + " writable again (OP_WRITE), instead of dropping it.";
    static final String STOPPED_READING = "A program must keep reading each connection while it has lines to"
            + " read. Was it blocked on something else: writing to a client that does not read (a send blocks once that"
            + " client's buffers are full), waiting on a lock, or serving another client?";

    /** Lab 03 and lab 04 share their room of members between threads. */
    public static final String UNSAFE_COLLECTION = "A plain ArrayList or HashSet of members is not safe to share: one"
            + " thread loops over it to broadcast while another adds or removes a member, and the loop throws"
            + " ConcurrentModificationException, which ends the broadcasting member's thread. Use a concurrent set"
            + " (ConcurrentHashMap.newKeySet()) or a CopyOnWriteArrayList, or loop over a copy taken under a lock.";

    static final String OWN_STREAMS = "Each client must get its own replies: use the reader and writer of that"
            + " client's own socket. A reader or writer kept in a field shared by all clients' threads (or a static one)"
            + " sends replies to the wrong client.";

    private Hints() {
    }

    /**
     * The hint for a connection on which nothing at all came back: most often a missing
     * flush, which every test then reports, so say so before the test's own hint.
     */
    static String nothingAtAll(String hint) {
        return "Nothing at all came back on this connection. If other tests say the same, the reply is probably stuck"
                + " in a buffer: flush after each line you send. Otherwise: " + hint;
    }
}
