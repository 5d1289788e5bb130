package socketlab.grader.lab05;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import socketlab.grader.GradingFailure;
import socketlab.grader.Transcript;
import socketlab.grader.Visible;
import socketlab.grader.lab04.Chat;

/**
 * Thousands of members played by the grader without thousands of threads: one
 * {@link Selector}, one non-blocking {@link SocketChannel} per member, driven by the test's
 * own thread. Each member connects, answers {@code NICK} with its nickname ({@code idle0},
 * {@code idle1}, ...; a whole wave answers at once, once all of it got NICK), expects
 * {@code Connected to server!}, and from then on only reads:
 * it counts the {@code joined!} lines it gets and hands any other line to a
 * {@link LineListener}.
 *
 * <p>Members join in waves, and the next wave starts only once every {@code joined!} of the
 * last one has reached every member: the server's queues are empty between waves, so what
 * the test measures there is what members cost, not traffic in flight. Every wait is a
 * bounded loop of {@code select()} with a deadline the caller scaled.
 */
final class Crowd implements AutoCloseable {
    /** Members that connect at once: within the listen backlog of any reasonable server. */
    static final int WAVE = 200;
    /** How much of each line a member keeps: enough for every line these tests check. */
    private static final int KEPT = 256;
    private static final byte[] JOINED = " joined!".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final Transcript transcript;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final List<Member> members = new ArrayList<>();
    private LineListener listener = (member, line, nanos) -> { };
    private int joined;
    private int asked;
    private long joinedLines;
    private long announcementsExpected;
    private String problem;
    private long bytesRead;
    private long stallNanos = Long.MAX_VALUE;

    /** What a joined member does with a line that is not a {@code joined!}. */
    interface LineListener {
        void line(int member, String line, long arrivalNanos);
    }

    Crowd(InetSocketAddress server, Transcript transcript) {
        this.server = server;
        this.transcript = transcript;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("the grader could not open a selector: " + e.getMessage(), e);
        }
    }

    /**
     * Every wait also ends, failing, once the server has sent nothing for {@code stall}: a wait
     * bounded by progress, so that a correct server on a loaded machine, slow but steady, is
     * given the time it needs (up to each wait's deadline), while one that has stopped is told
     * so at once.
     */
    void failWhenSilentFor(java.time.Duration stall) {
        this.stallNanos = stall.toNanos();
    }

    /** Sends every later line of joined members, other than {@code joined!} ones, to {@code listener}. */
    void onLine(LineListener listener) {
        this.listener = listener;
    }

    int size() {
        return members.size();
    }

    int joined() {
        return joined;
    }

    /** The nickname of member {@code index}. */
    static String nickname(int index) {
        return "idle" + index;
    }

    /**
     * Makes the crowd {@code target} members strong, a wave at a time, each wave waited for
     * until its members have joined and every {@code joined!} it caused has arrived.
     *
     * @param afterWave called after each wave, e.g. to measure the server
     * @param deadline  System.nanoTime() by which all must have joined
     */
    void grow(int target, Runnable afterWave, long deadline) {
        while (members.size() < target) {
            int waveStart = members.size();
            int waveEnd = Math.min(target, waveStart + WAVE);
            while (members.size() < waveEnd) {
                open(members.size());
            }
            pumpUntil(() -> asked == waveEnd, deadline, () -> "NICK for members " + nickname(waveStart) + " ... "
                    + nickname(waveEnd - 1) + " (" + (asked - waveStart) + " of " + (waveEnd - waveStart) + " got it)");
            // The whole wave answers at once, as a crowd arriving together would: a server
            // then handles many joins in one turn of its loop.
            for (int i = waveStart; i < waveEnd; i++) {
                answerNick(members.get(i));
            }
            // Each pair of members (a, b), b joining after a, makes exactly one "b joined!" for a.
            long n = waveEnd;
            announcementsExpected = n * (n - 1) / 2 + extraAnnouncements;
            pumpUntil(() -> joined == waveEnd && joinedLines >= announcementsExpected, deadline, () -> "members "
                    + nickname(members.size() - (waveEnd - joined)) + "... to join (" + joined + " of " + waveEnd
                    + " joined) and every joined! to arrive (" + joinedLines + " of " + announcementsExpected + ")");
            afterWave.run();
        }
        transcript.note(members.size() + " idle members (" + nickname(0) + " ... " + nickname(members.size() - 1)
                + ") have joined, in waves of " + WAVE + "; each got every later member's joined!");
    }

    private long extraAnnouncements;

    /**
     * A member from outside the crowd (a {@code LinePeer}) joined: every crowd member must
     * get its {@code joined!}. Call before waiting with {@link #awaitAnnouncements}.
     */
    void expectOneMoreJoin() {
        extraAnnouncements += joined;
        announcementsExpected += joined;
    }

    /** Waits, bounded, until every {@code joined!} expected so far has reached every member. */
    void awaitAnnouncements(long deadline) {
        pumpUntil(() -> joinedLines >= announcementsExpected, deadline, () -> "every member to get every joined! ("
                + joinedLines + " of " + announcementsExpected + " arrived)");
    }

    /**
     * Reads whatever the server sends until {@code done} holds, at most until {@code deadline};
     * fails with what was awaited if it does not, or at once if a member saw something wrong.
     */
    void pumpUntil(BooleanSupplier done, long deadline, java.util.function.Supplier<String> what) {
        long lastRead = bytesRead;
        long lastProgress = System.nanoTime();
        while (!done.getAsBoolean()) {
            failIfProblem();
            long now = System.nanoTime();
            if (bytesRead != lastRead) {
                lastRead = bytesRead;
                lastProgress = now;
            }
            if (now - lastProgress > stallNanos) {
                throw new CrowdTimeout(what.get(), true);
            }
            long left = Math.min(deadline - now, lastProgress + stallNanos - now);
            if (deadline - now <= 0) {
                throw new CrowdTimeout(what.get(), false);
            }
            try {
                selector.select(Math.max(1, Math.min(100, left / 1_000_000)));
            } catch (IOException e) {
                throw new IllegalStateException("the grader's selector failed: " + e.getMessage(), e);
            }
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
        }
        failIfProblem();
    }

    /** A bounded wait that ran out; the test turns it into a message about the server. */
    static final class CrowdTimeout extends RuntimeException {
        private final boolean silent;

        CrowdTimeout(String what, boolean silent) {
            super(what);
            this.silent = silent;
        }

        /** Whether the wait ended because the server had sent nothing for the stall bound. */
        boolean silent() {
            return silent;
        }
    }

    private void failIfProblem() {
        if (problem != null) {
            throw GradingFailure.because(problem).hint(ScaleHints.PROTOCOL_AT_SCALE).build();
        }
    }

    private void open(int index) {
        Member member = new Member(index);
        members.add(member);
        try {
            member.channel = SocketChannel.open();
            member.channel.configureBlocking(false);
            member.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            member.channel.connect(server);
            member.channel.register(selector, SelectionKey.OP_CONNECT, member);
        } catch (IOException e) {
            throw GradingFailure.because("The grader could not open connection " + (index + 1) + " to your server ("
                    + e.getMessage() + ").").hint(ScaleHints.ACCEPT_ALL).build();
        }
    }

    private void handle(SelectionKey key) {
        Member member = (Member) key.attachment();
        try {
            if (key.isValid() && key.isConnectable()) {
                member.channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
            }
            if (key.isValid() && key.isReadable()) {
                read(key, member);
            }
        } catch (IOException e) {
            key.cancel();
            problem("the connection of " + nickname(member.index) + " failed (" + e.getMessage() + ")");
        }
    }

    private void read(SelectionKey key, Member member) throws IOException {
        buffer.clear();
        int count = member.channel.read(buffer);
        bytesRead += Math.max(0, count);
        long now = System.nanoTime();
        if (count < 0) {
            key.cancel();
            problem("your server closed the connection of " + nickname(member.index) + ", an idle member that had "
                    + (member.joined ? "joined and sent nothing since" : "not finished joining"));
            return;
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            if (b != '\n') {
                if (member.length < KEPT) {
                    member.kept[member.length] = b;
                }
                member.length++;
                continue;
            }
            int length = member.length;
            member.length = 0;
            if (member.joined && isJoinedLine(member.kept, length)) {
                joinedLines++; // 50 million of them for 10,000 members: counted, never decoded
                continue;
            }
            String line = new String(member.kept, 0, Math.min(length, KEPT), StandardCharsets.UTF_8);
            line(member, length > KEPT ? line + "..." : line, now);
        }
    }

    private static boolean isJoinedLine(byte[] kept, int length) {
        if (length < JOINED.length || length > KEPT) {
            return false;
        }
        for (int i = 0; i < JOINED.length; i++) {
            if (kept[length - JOINED.length + i] != JOINED[i]) {
                return false;
            }
        }
        return true;
    }

    private void line(Member member, String line, long now) throws IOException {
        if (member.joined) {
            listener.line(member.index, line, now);
        } else if (!member.named) {
            if (!line.equals(Chat.NICK)) {
                problem(nickname(member.index) + " expected NICK as the first line, but your server sent "
                        + Visible.of(line + "\n"));
                return;
            }
            member.named = true;
            asked++;
        } else if (line.equals(Chat.CONNECTED)) {
            member.joined = true;
            joined++;
        } else {
            problem(nickname(member.index) + " answered NICK with its free, valid nickname and expected Connected to"
                    + " server!, but your server sent " + Visible.of(line + "\n"));
        }
    }

    private void answerNick(Member member) {
        try {
            ByteBuffer answer = ByteBuffer.wrap((nickname(member.index) + "\n").getBytes(StandardCharsets.UTF_8));
            member.channel.write(answer); // a few bytes on a fresh connection: the kernel takes them all
            if (answer.hasRemaining()) {
                problem("your server did not read the nickname of " + nickname(member.index));
            }
        } catch (IOException e) {
            problem("the connection of " + nickname(member.index) + " failed (" + e.getMessage() + ")");
        }
    }

    private void problem(String text) {
        if (problem == null) {
            problem = "With " + joined + " members joined, " + text + ".";
            transcript.note(problem);
        }
    }

    /** Closes every member's connection. Never throws. */
    @Override
    public void close() {
        for (Member member : members) {
            try {
                if (member.channel != null) {
                    member.channel.close();
                }
            } catch (IOException ignored) {
                // Best effort: the test is over.
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Best effort.
        }
    }

    /** One member's state: where it is in the handshake, and the line it is reading. */
    private static final class Member {
        final int index;
        final byte[] kept = new byte[KEPT];
        SocketChannel channel;
        boolean named;
        boolean joined;
        int length;

        Member(int index) {
            this.index = index;
        }
    }
}
