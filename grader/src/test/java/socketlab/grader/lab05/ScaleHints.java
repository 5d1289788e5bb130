package socketlab.grader.lab05;

/**
 * The hints of lab 05's own tests, in the words of its handout (lab05-scale/README.md).
 * The tests lab 05 inherits from lab 04 keep lab 04's hints, whose step numbers are those of
 * lab04-nicknames/README.md.
 */
final class ScaleHints {
    static final String THREAD_PER_MEMBER = "Your server runs a thread (or two) per member. A platform thread costs"
            + " memory whether its member talks or not: the pages of its stack it has touched, the JVM's bookkeeping for"
            + " it, its share of the heap: on the kit's machine, lab 04's reference (two threads per member) costs about"
            + " 190 KiB per member, six times the budget (see the handout's figures). Serve every member from ONE thread with a Selector (steps 2 to 7), or try virtual threads"
            + " (step 9, JDK 21 or newer).";
    static final String MEMORY = "Keep what each member costs small: one read buffer shared by all members (the loop"
            + " reads one connection at a time), a partial line only while one is pending, an outbox that is reused, not"
            + " re-allocated for every line. Garbage counts too: a Java heap that must hold more garbage between two"
            + " collections grows, and its pages stay resident (step 6 and the pitfall \"Garbage is memory\").";
    static final String TOO_SLOW_TO_JOIN = "Every join is announced to every member: 10,000 joins make 50 million"
            + " joined! lines. Never write one line per system call to each member: queue the lines of one turn of the"
            + " loop and write each member's queue in one write() at the end of the turn (step 7). A thread per member"
            + " makes it worse: each joined! wakes every member's thread.";
    static final String ACCEPT_ALL = "Accept every waiting connection each time the selector says the listening"
            + " channel is ready (loop until accept() returns null), and listen with a large backlog, e.g."
            + " bind(address, 4096) (step 3).";
    static final String PROTOCOL_AT_SCALE = "Lab 04's handshake must still hold with thousands of members: NICK"
            + " first, Connected to server! for a free valid nickname, and no connection closed that did nothing wrong"
            + " (steps 3 to 5).";
    static final String NEWCOMER = "A newcomer must not wait behind the crowd: the loop must go back to select() quickly,"
            + " and never wait for one member (steps 2 and 7).";
    static final String FAN_OUT = "Encode a broadcast line once, queue the same bytes for every member, and write each"
            + " member's queue at the end of the turn: a thousand small writes take a few milliseconds (steps 6 and 7).";
    static final String PARTIAL_WRITE = "write() on a non-blocking channel may take only part of what you give it (it"
            + " returns how many bytes it took). Keep the rest at the head of the member's outbox, ask for OP_WRITE, and"
            + " write it when the selector says the channel is writable again (step 6, and the pitfall \"Partial"
            + " writes\").";
    static final String STALLED = "A member that stops reading must cost the others nothing: never block on its"
            + " socket (non-blocking writes and an outbox per member), and once more than 1 MiB waits for it, disconnect"
            + " it and announce it as left! (steps 6 and 8). A lock held around a blocking write stops everyone who"
            + " needs that lock; on JDK 21 to 23, synchronized around blocking I/O also pins the virtual thread to its"
            + " carrier thread.";
    static final String CUT_OFF = "Count the bytes waiting in each member's outbox; when a new line would take it past"
            + " 1 MiB, disconnect that member and announce \"<nick> left!\" to the others, once (step 8).";

    private ScaleHints() {
    }
}
