package lab05;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Pattern;

/**
 * Lab 05: the chat room of lab 04, rebuilt to hold ten thousand members on one thread.
 *
 * <p>Lab 04 gave every client a thread (two, with the outbox), and a thread costs memory
 * and a slot in the kernel's table of tasks whether its client talks or not. Here ONE thread
 * serves everyone: a {@link Selector} tells it which connections are ready (a new client to
 * accept, bytes to read, room to write), and it never blocks on any single client. The
 * price is that everything a thread did for us is now done by hand: each connection keeps
 * its own half-read line (framing, SPEC §1) and its own queue of bytes the kernel could not
 * take yet (partial writes).
 *
 * <p>The protocol is lab 04's, unchanged on the wire (SPEC §5 and §7). Run it with
 * {@code java lab05.ChatServer [port [bind-address]]}
 * (defaults: {@value #DEFAULT_PORT}, {@value #DEFAULT_BIND_ADDRESS}).
 */
public final class ChatServer {

    /** The port this lab listens on when none is given. */
    static final int DEFAULT_PORT = 4005;

    /** Loopback only by default, so nobody else on the network can connect. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** Ten thousand clients may arrive at once: let the kernel queue many (it caps this at somaxconn). */
    static final int BACKLOG = 4096;

    /** The line a client sends to leave the chat. */
    static final String DISCONNECT = "!DISCONNECT";

    /** A valid nickname: 1 to 16 characters, each a letter A-Z or a-z, a digit, _ or -. */
    static final Pattern NICKNAME = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    /** The longest line the server reads (64 KiB). A client that sends more is cut off. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** How much may wait for one member (1 MiB) before the server gives up on it (SPEC §7). */
    static final long MAX_WAITING_BYTES = 1024 * 1024;

    private static final String USAGE = "Usage: java lab05.ChatServer [port [bind-address]]";

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final PrintStream console;

    /**
     * ONE buffer for every read: the loop reads one connection at a time, and whatever a
     * read brings is framed into lines (or kept in that member's own partial line) before the
     * next read. Ten thousand members do not need ten thousand read buffers.
     */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    /**
     * Everyone who holds a nickname, keyed by that nickname in lower case. Only the loop's
     * thread touches it, so a plain HashMap is enough, and "check, then insert" is safe here.
     */
    private final Map<String, Member> members = new HashMap<>();

    /** Members with bytes queued since the last flush: each gets ONE write per turn of the loop. */
    private final List<Member> dirty = new ArrayList<>();

    /** Members to disconnect once the current events are handled (too slow, or their socket failed). */
    private final Queue<Member> doomed = new ArrayDeque<>();

    /**
     * Wraps a listening channel.
     *
     * @param selector the selector the loop waits on
     * @param listener a bound, non-blocking server channel
     * @param console  where to log who joins and leaves
     */
    ChatServer(Selector selector, ServerSocketChannel listener, PrintStream console) {
        this.selector = selector;
        this.listener = listener;
        this.console = console;
    }

    /**
     * Parses {@code [port [bind-address]]}, starts listening, announces it on stdout, then
     * serves clients until the process is stopped.
     *
     * @param args the command line: an optional port, then an optional bind address
     * @throws IOException if the selector or the listening channel fails while the server runs
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args.length > 0 && !isPort(args[0])) {
            System.err.println("Not a port number: " + args[0] + ". " + USAGE);
            System.exit(2);
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        String bindAddress = args.length > 1 ? args[1] : DEFAULT_BIND_ADDRESS;

        PrintStream console = new PrintStream(
                new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (Selector selector = Selector.open();
             ServerSocketChannel listener = listen(bindAddress, port)) {
            listener.register(selector, SelectionKey.OP_ACCEPT);
            console.println("Chat server listening on " + bindAddress + ":" + port);
            new ChatServer(selector, listener, console).serve();
        }
    }

    /**
     * Tells whether {@code text} is a TCP port number, 0 to 65535.
     *
     * @param text the port as typed on the command line
     * @return true if it is a port number
     */
    static boolean isPort(String text) {
        return text.matches("[0-9]{1,5}") && Integer.parseInt(text) <= 65535;
    }

    /**
     * Opens the listening channel, non-blocking, or stops the program with status 1 and one
     * clear line (for example when another program already uses the port).
     *
     * @param bindAddress the local address to listen on, e.g. {@code 127.0.0.1}
     * @param port        the port to listen on
     * @return a bound server channel in non-blocking mode
     */
    static ServerSocketChannel listen(String bindAddress, int port) {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(bindAddress, port), BACKLOG);
            listener.configureBlocking(false);
            return listener;
        } catch (IOException e) {
            System.err.println("Could not listen on " + bindAddress + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return null; // never reached: exit() does not return
        }
    }

    /**
     * Step 2: the event loop. Waits until some connections are ready, handles each ready one
     * (accept, read, write), then writes out what those events queued and disconnects whoever
     * they doomed. It never waits for one particular client: that is the whole idea.
     *
     * @throws IOException if the selector itself fails
     */
    void serve() throws IOException {
        while (true) {
            selector.select();
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (key.isValid() && key.isAcceptable()) {
                    accept();
                }
                if (key.isValid() && key.isReadable()) {
                    read((Member) key.attachment());
                }
                if (key.isValid() && key.isWritable()) {
                    ((Member) key.attachment()).flush();
                }
            }
            flushAndDisconnect();
        }
    }

    /**
     * Step 7: the end of a turn of the loop. Writes out every member's queued lines, one
     * gathering write each: when a hundred members join in one turn, each of ten thousand
     * others gets its hundred {@code joined!} lines in ONE system call, not a hundred. Then
     * disconnects every member found too slow (or broken); announcing that one left queues
     * more lines and may doom another, so it goes round until nothing is left to do.
     */
    void flushAndDisconnect() {
        while (!dirty.isEmpty() || !doomed.isEmpty()) {
            for (Member member : dirty) {
                member.flush();
            }
            dirty.clear();
            Member member;
            while ((member = doomed.poll()) != null) {
                leave(member);
            }
        }
    }

    /**
     * Step 3: a new connection. Accepts every client that is waiting, makes each one
     * non-blocking, registers it for reading with its own {@link Member}, and sends it
     * {@code NICK}.
     *
     * @throws IOException if the listening channel fails
     */
    void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            // Send each line the moment it is written (no Nagle delay on small lines).
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Member member = new Member(channel, dirty, doomed);
            member.key = channel.register(selector, SelectionKey.OP_READ, member);
            member.send("NICK");
        }
    }

    /**
     * Step 4: bytes from a member. Reads what is there (never waiting for more), cuts it into
     * lines, and handles each whole line; the end of the stream or a failed read means the
     * member is gone.
     *
     * @param member a connection the selector says is readable
     */
    void read(Member member) {
        readBuffer.clear();
        int count;
        try {
            count = member.channel.read(readBuffer);
        } catch (IOException e) {
            count = -1; // a reset: the member is gone, like a clean close
        }
        if (count < 0) {
            leave(member);
            return;
        }
        readBuffer.flip();
        try {
            for (String line : member.lines.feed(readBuffer)) {
                if (!member.isOpen()) {
                    return; // it sent !DISCONNECT, or was cut off: ignore what followed
                }
                handleLine(member, line);
            }
        } catch (IOException tooLong) {
            System.err.println("Client " + member.describe() + ": " + tooLong.getMessage());
            leave(member);
        }
    }

    /**
     * Step 5: one whole line from a member, handled by the state it is in: a nickname while
     * it is choosing one, chat once it has joined.
     *
     * @param member who sent the line
     * @param line   the line, without its newline
     */
    void handleLine(Member member, String line) {
        if (member.nickname == null) {
            chooseNickname(member, line);
        } else if (line.equals(DISCONNECT)) {
            leave(member);
        } else if (!line.isEmpty()) {
            broadcast(member, member.nickname + ": " + line);
        }
    }

    /**
     * The handshake of lab 04, one answer at a time: the loop cannot wait for the next
     * answer, so a refused name sends {@code ERROR} and {@code NICK} and returns.
     *
     * @param member a member still choosing its nickname
     * @param answer the line it sent
     */
    void chooseNickname(Member member, String answer) {
        if (answer.equals(DISCONNECT)) {
            leave(member);
            return;
        }
        String refusal = reserve(member, answer);
        if (refusal != null) {
            member.send("ERROR " + refusal);
            member.send("NICK");
            return;
        }
        member.send("Connected to server!");
        broadcast(member, member.nickname + " joined!");
        console.println(member.nickname + " joined");
    }

    /**
     * Checks a nickname and, if it is valid and free, gives it to this member. One thread
     * runs every handshake, so two clients can never both see the same name free.
     *
     * @param member   who asks for the name
     * @param nickname the name it asks for
     * @return null if the name is now this member's; otherwise why not, for the ERROR line
     */
    String reserve(Member member, String nickname) {
        if (!NICKNAME.matcher(nickname).matches()) {
            return "invalid nickname: use 1 to 16 of A-Z a-z 0-9 _ -";
        }
        if (members.putIfAbsent(key(nickname), member) != null) {
            return "nickname already taken: " + nickname;
        }
        member.nickname = nickname;
        return null;
    }

    /**
     * Names are compared without regard to case, in every language of the machine.
     *
     * @param nickname a nickname, in any case
     * @return the key of that nickname in {@link #members}
     */
    static String key(String nickname) {
        return nickname.toLowerCase(Locale.ROOT);
    }

    /**
     * Sends one line to every joined member except {@code from}. The line is encoded ONCE
     * and the same bytes are queued for everyone: ten thousand copies would cost ten
     * thousand times the memory. Queuing never waits (step 6).
     *
     * @param from who the line is about; it does not get it back
     * @param line the whole line, without its newline
     */
    void broadcast(Member from, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        for (Member member : members.values()) {
            if (member != from) {
                member.send(bytes);
            }
        }
    }

    /**
     * Step 8: a member is gone, however it went ({@code !DISCONNECT}, a close, a reset, a
     * line too long, too slow). Closes its connection and, if it had joined, frees its
     * nickname and tells the others, once.
     *
     * @param member the member to let go; calling this twice does nothing the second time
     */
    void leave(Member member) {
        if (!member.isOpen()) {
            return;
        }
        member.close();
        if (member.nickname != null && members.remove(key(member.nickname), member)) {
            broadcast(member, member.nickname + " left!");
            console.println(member.nickname + " left");
        }
    }

    /**
     * One connection: its channel, its half-read line, its nickname once it has one, and
     * the bytes the kernel has not taken yet. Only the loop's thread touches it.
     */
    static final class Member {

        private final SocketChannel channel;
        private final List<Member> dirty;
        private final Queue<Member> doomed;
        private final LineFramer lines = new LineFramer(MAX_LINE_BYTES);
        /**
         * The outbox: bytes queued for this member and not written yet, from {@code start}
         * to {@code end}. Allocated at the first line, then kept and reused: a new array for
         * every burst would make garbage in proportion to the traffic, and a garbage-collected
         * heap grows with its garbage. {@code view} is the same bytes as a ByteBuffer, for
         * {@code write()}.
         */
        private byte[] outbox;
        private ByteBuffer view;
        private int start;
        private int end;
        private boolean queued;
        private SelectionKey key;
        private String nickname;

        /**
         * Takes charge of a new connection.
         *
         * @param channel the accepted, non-blocking channel
         * @param dirty   where to put this member when it has bytes to write
         * @param doomed  where to put this member if it must be disconnected
         */
        Member(SocketChannel channel, List<Member> dirty, Queue<Member> doomed) {
            this.channel = channel;
            this.dirty = dirty;
            this.doomed = doomed;
        }

        /** Whether the connection is still open. */
        boolean isOpen() {
            return channel.isOpen();
        }

        /** The member's address as the server sees it, {@code IP:PORT}, for the log. */
        String describe() {
            try {
                return String.valueOf(channel.getRemoteAddress());
            } catch (IOException e) {
                return "(closed)";
            }
        }

        /** Queues one line for this member (see {@link #send(byte[])}). */
        void send(String line) {
            send((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Step 6: queues bytes for this member; the loop writes them at the end of its turn.
         * Never blocks. If more than {@value ChatServer#MAX_WAITING_BYTES} bytes would be
         * waiting, the member stopped reading long ago: it is doomed, not waited for.
         *
         * @param bytes one or more whole lines
         */
        void send(byte[] bytes) {
            if (!isOpen()) {
                return;
            }
            if (end - start + bytes.length > MAX_WAITING_BYTES) {
                doom();
                return;
            }
            makeRoom(bytes.length);
            System.arraycopy(bytes, 0, outbox, end, bytes.length);
            end += bytes.length;
            if (!queued) {
                queued = true;
                dirty.add(this);
            }
        }

        /** Makes room for {@code more} bytes after the waiting ones: first by moving them to the front, then by growing. */
        private void makeRoom(int more) {
            int waiting = end - start;
            if (outbox != null && end + more <= outbox.length) {
                return;
            }
            byte[] target = outbox;
            if (outbox == null || waiting + more > outbox.length) {
                int capacity = outbox == null ? 256 : outbox.length;
                while (capacity < waiting + more) {
                    capacity *= 2;
                }
                target = new byte[capacity];
                view = ByteBuffer.wrap(target);
            }
            if (outbox != null) {
                System.arraycopy(outbox, start, target, 0, waiting);
            }
            outbox = target;
            start = 0;
            end = waiting;
        }

        /**
         * Writes the outbox, as much as the kernel takes, in one system call. A write may take
         * only PART of it, even part of one line: the rest stays, and the member asks the
         * selector to say when it can write again (OP_WRITE). Once all is written, it stops
         * asking, or the selector would wake it up forever.
         */
        void flush() {
            queued = false;
            if (!isOpen() || start == end) {
                return;
            }
            try {
                view.limit(end).position(start);
                start += channel.write(view);
                if (start == end) {
                    start = 0;
                    end = 0;
                }
                key.interestOps(start == end ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } catch (IOException e) {
                doom(); // a reset while writing: the member is gone
            }
        }

        private void doom() {
            start = 0;
            end = 0;
            doomed.add(this);
        }

        /** Closes the connection and forgets what was waiting for it. */
        void close() {
            outbox = null;
            view = null;
            start = 0;
            end = 0;
            try {
                channel.close(); // also cancels its key in the selector
            } catch (IOException e) {
                // closing failed: there is nothing more we can do with this channel
            }
        }
    }

    /**
     * Framing by hand (SPEC §1), as {@code BufferedReader.readLine()} did it for us in lab 04:
     * bytes go in as they come from reads, whole lines come out. A line is decoded only once
     * its {@code \n} is there, so a UTF-8 character split between two reads comes out whole.
     * The half line between reads is kept here, per member, and only while there is one.
     */
    static final class LineFramer {

        private final int maxLineBytes;
        private ByteArrayOutputStream partial;

        /**
         * A framer for one connection.
         *
         * @param maxLineBytes the longest line accepted, in bytes
         */
        LineFramer(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
        }

        /**
         * Takes the bytes of one read and returns the lines they complete, in order.
         *
         * @param bytes what the read brought (read from its position to its limit)
         * @return the whole lines, without {@code \n} and without one {@code \r} before it
         * @throws IOException if a line is longer than the limit
         */
        List<String> feed(ByteBuffer bytes) throws IOException {
            List<String> lines = new ArrayList<>(1);
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (b == '\n') {
                    lines.add(take());
                } else {
                    if (partial == null) {
                        partial = new ByteArrayOutputStream(128);
                    }
                    if (partial.size() == maxLineBytes) {
                        throw new IOException("line longer than " + maxLineBytes + " bytes");
                    }
                    partial.write(b);
                }
            }
            return lines;
        }

        private String take() {
            String text = partial == null ? "" : partial.toString(StandardCharsets.UTF_8);
            partial = null; // an idle member keeps no buffer at all
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
