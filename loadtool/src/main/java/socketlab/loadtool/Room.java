package socketlab.loadtool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The members of a chat room, played by one thread: a {@link Selector} and one non-blocking
 * channel per member, never a thread per member (the tool must not measure itself). Members
 * join in waves; the next wave starts once every {@code joined!} of the last has arrived, so
 * the server's queues are empty when it is measured. A wave answers NICK all at once, once
 * all of it has been asked, as a crowd arriving together would. One extra member, the sender, chats;
 * every other member timestamps each of its lines on arrival, into an HdrHistogram.
 */
final class Room implements AutoCloseable {
    static final int WAVE = 200;
    private static final byte[] JOINED = " joined!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENDER_PREFIX = "loadsender: ".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final Selector selector = Selector.open();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final List<Member> members = new ArrayList<>();
    private long joinedLines;
    private long expectedJoinedLines;
    private int joined;
    private int asked;
    private long[] sentAt = new long[0];
    private long deliveries;
    private Histogram latencies;
    private Member sender;
    private double fanOutSeconds;

    Room(InetSocketAddress server) throws IOException {
        this.server = server;
    }

    int joined() {
        return joined;
    }

    /** How long the last fan-out took, from the first line sent to the last delivery. */
    double fanOutSeconds() {
        return fanOutSeconds;
    }

    /**
     * Grows the room to {@code target} members, at most {@code ratePerSecond} joins a second
     * (0: in waves, as fast as the server lets them).
     *
     * @return false if {@code deadline} came first
     */
    boolean grow(int target, double ratePerSecond, long deadline) throws IOException {
        long start = System.nanoTime();
        int first = members.size();
        while (members.size() < target) {
            int waveStart = members.size();
            int waveEnd = Math.min(target, waveStart + WAVE);
            while (members.size() < waveEnd) {
                if (ratePerSecond > 0) {
                    long due = start + (long) ((members.size() - first) * 1e9 / ratePerSecond);
                    if (!pumpUntil(() -> System.nanoTime() >= due, deadline)) {
                        return false;
                    }
                }
                open(members.size(), "load" + members.size());
            }
            if (!pumpUntil(() -> asked >= waveEnd, deadline)) {
                return false;
            }
            for (int i = waveStart; i < waveEnd; i++) { // the wave answers NICK at once, as a crowd would
                write(members.get(i), members.get(i).nick + "\n");
            }
            expectedJoinedLines = expectedJoinedLines(waveEnd);
            if (!pumpUntil(() -> joined == waveEnd && joinedLines >= expectedJoinedLines, deadline)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every pair of members (a, b), b joining after a, makes one "b joined!" for a; the sender
     * is a member too, from the moment it joined.
     */
    private long expectedJoinedLines(long n) {
        long crowd = n * (n - 1) / 2;
        return sender == null ? crowd : crowd + n; // the sender and each member: one joined!, to the first of the two
    }

    /**
     * The sender (joining once, the first time) sends {@code count} lines, each as soon as the previous
     * one reached every member, or at {@code ratePerSecond}; returns the delays of every
     * delivery, in microseconds, or null if {@code deadline} came first.
     */
    Histogram fanOut(int count, double ratePerSecond, long deadline) throws IOException {
        if (sender == null) {
            sender = open(-1, "loadsender");
            expectedJoinedLines = expectedJoinedLines(members.size());
            if (!pumpUntil(() -> sender.joined && joinedLines >= expectedJoinedLines, deadline)) {
                return null;
            }
        }
        int receivers = joined;
        latencies = new Histogram(3600L * 1_000_000, 3);
        long firstSend = System.nanoTime();
        sentAt = new long[count];
        deliveries = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                if (!pumpUntil(() -> System.nanoTime() >= due, deadline)) {
                    return null;
                }
            } else {
                long wanted = (long) i * receivers;
                if (!pumpUntil(() -> deliveries >= wanted, deadline)) {
                    return null;
                }
            }
            sentAt[i] = System.nanoTime();
            write(sender, i + " " + "x".repeat(40) + "\n");
        }
        long wanted = (long) count * receivers;
        if (!pumpUntil(() -> deliveries >= wanted, deadline)) {
            return null;
        }
        fanOutSeconds = (System.nanoTime() - firstSend) / 1e9;
        return latencies;
    }

    private boolean pumpUntil(BooleanSupplier done, long deadline) throws IOException {
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            selector.select(Math.max(1, Math.min(50, left / 1_000_000)));
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
        }
        return true;
    }

    private Member open(int index, String nick) throws IOException {
        Member member = new Member(nick);
        if (index >= 0) {
            members.add(member);
        }
        member.channel = SocketChannel.open();
        member.channel.configureBlocking(false);
        member.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        member.channel.connect(server);
        member.channel.register(selector, SelectionKey.OP_CONNECT, member);
        return member;
    }

    private void handle(SelectionKey key) throws IOException {
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
            member.channel.close();
        }
    }

    private void read(SelectionKey key, Member member) throws IOException {
        buffer.clear();
        int count = member.channel.read(buffer);
        long now = System.nanoTime();
        if (count < 0) {
            key.cancel();
            member.channel.close();
            return;
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            if (b != '\n') {
                if (member.length < member.kept.length) {
                    member.kept[member.length] = b;
                }
                member.length++;
                continue;
            }
            line(member, now);
            member.length = 0;
        }
    }

    private void line(Member member, long now) throws IOException {
        if (member.joined) {
            if (endsWith(member, JOINED)) {
                joinedLines++;
            } else if (startsWith(member, SENDER_PREFIX)) {
                int index = 0;
                for (int i = SENDER_PREFIX.length; i < member.length && member.kept[i] != ' '; i++) {
                    index = index * 10 + (member.kept[i] - '0');
                }
                if (index < sentAt.length) {
                    latencies.recordValue(Math.max(0, (now - sentAt[index]) / 1000));
                    deliveries++;
                }
            }
            return;
        }
        String text = new String(member.kept, 0, Math.min(member.length, member.kept.length), StandardCharsets.UTF_8);
        if (text.equals("NICK")) {
            if (member == sender) {
                write(member, member.nick + "\n");
            } else {
                asked++;
            }
        } else if (text.equals("Connected to server!")) {
            member.joined = true;
            if (member != sender) {
                joined++;
            }
        }
    }

    private static boolean endsWith(Member member, byte[] suffix) {
        if (member.length < suffix.length || member.length > member.kept.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (member.kept[member.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(Member member, byte[] prefix) {
        if (member.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (member.kept[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void write(Member member, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            if (member.channel.write(bytes) == 0) {
                throw new IOException("the server stopped reading " + member.nick);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Member member : members) {
            member.channel.close();
        }
        if (sender != null) {
            sender.channel.close();
        }
        selector.close();
    }

    private static final class Member {
        final String nick;
        final byte[] kept = new byte[128];
        SocketChannel channel;
        boolean joined;
        int length;

        Member(String nick) {
            this.nick = nick;
        }
    }
}
