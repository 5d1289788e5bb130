package lab05;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Lab 05, the second way to scale (step 9, JDK 21 or newer): lab 04's server, unchanged in
 * shape, with a VIRTUAL thread per client and per outbox instead of a platform thread.
 *
 * <p>A virtual thread is a Java object, not an operating-system thread: its stack lives on
 * the heap and grows only as deep as it is, and when it blocks on a socket the JVM parks it
 * and runs another on the same carrier thread (a few carriers, one per core, do all the
 * work). So ten thousand blocked readers cost kilobytes each, not the pages of ten thousand
 * native stacks. Two rules keep it so: never block while holding a {@code synchronized}
 * monitor (on JDK 21 to 23 that pins the virtual thread to its carrier, and two pinned
 * carriers stop everyone), and never share one blocking write between members.
 *
 * <p>What follows is lab 04's reference with these changes only: virtual threads, a larger
 * backlog, and an outbox that is one reused array per member, written in one go. The rest of this
 * comment is lab 04's.
 *
 * <p>Lab 04: a chat server where everyone has a nickname.
 *
 * <p>Every connection goes through four states, always in this order: <em>connected</em>
 * (the server sends {@code NICK}), <em>naming</em> (it reads nicknames until one is valid and
 * free), <em>joined</em> (each line the client sends goes to the others as
 * {@code nick: line}) and <em>gone</em> ({@code nick left!} is announced, exactly once).
 * One thread per client walks its connection through these states, so a client that is slow
 * to choose a name never keeps anyone else waiting.
 *
 * <p>Run it with {@code java lab05.VirtualThreadChatServer [port [bind-address]]}
 * (defaults: {@value #DEFAULT_PORT}, {@value #DEFAULT_BIND_ADDRESS}).
 */
public final class VirtualThreadChatServer {

    /** The port this lab listens on when none is given. */
    static final int DEFAULT_PORT = 4005;

    /** Loopback only by default, so nobody else on the network can connect. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** How many connections may wait for {@code accept()} (Java's default is only 50). */
    static final int BACKLOG = 4096;

    /** The line a client sends to leave the chat. */
    static final String DISCONNECT = "!DISCONNECT";

    /** A valid nickname: 1 to 16 characters, each a letter A-Z or a-z, a digit, _ or -. */
    static final Pattern NICKNAME = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    /** The longest line the server reads (64 KiB). A client that sends more is cut off. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** How much may wait for one member (1 MiB) before the server gives up on it. */
    static final long MAX_WAITING_BYTES = 1024 * 1024;

    private static final String USAGE = "Usage: java lab05.VirtualThreadChatServer [port [bind-address]]";

    private final ServerSocket listener;
    private final PrintStream console;

    /**
     * Everyone who holds a nickname, keyed by that nickname in lower case, so that
     * {@code Alice} and {@code alice} are the same key. A member is in it from the moment its
     * name is reserved until it is gone.
     */
    private final ConcurrentMap<String, Member> members = new ConcurrentHashMap<>();

    /**
     * Wraps a server socket that is already bound and listening.
     *
     * @param listener the socket to accept clients on
     * @param console  where to log who joins and leaves (thread-safe)
     */
    VirtualThreadChatServer(ServerSocket listener, PrintStream console) {
        this.listener = listener;
        this.console = console;
    }

    /**
     * Parses {@code [port [bind-address]]}, starts listening, announces it on stdout, then
     * serves clients until the process is stopped.
     *
     * @param args the command line: an optional port, then an optional bind address
     * @throws IOException if the listening socket fails while the server runs
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
        try (ServerSocket listener = listen(bindAddress, port)) {
            console.println("Chat server listening on " + bindAddress + ":"
                    + listener.getLocalPort());
            new VirtualThreadChatServer(listener, console).serve();
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
     * Opens the listening socket, or stops the program with status 1 and one clear line
     * (for example when another program already uses the port).
     *
     * @param bindAddress the local address to listen on, e.g. {@code 127.0.0.1}
     * @param port        the port to listen on (0 lets the system pick a free one)
     * @return a server socket, bound and listening
     */
    static ServerSocket listen(String bindAddress, int port) {
        try {
            return new ServerSocket(port, BACKLOG, InetAddress.getByName(bindAddress));
        } catch (IOException e) {
            System.err.println("Could not listen on " + bindAddress + ":" + port + ": "
                    + e.getMessage());
            System.exit(1);
            return null; // never reached: exit() does not return
        }
    }

    /**
     * The accept loop of lab 02: accept a client, start a thread for it, accept the next one.
     * The handshake runs in the client's thread, never here: a client that never answers
     * {@code NICK} must not stop anyone else from joining.
     *
     * @throws IOException if the listening socket itself fails
     */
    void serve() throws IOException {
        while (true) {
            Socket client = listener.accept();
            Thread.ofVirtual().name("client-" + describe(client)).start(() -> handle(client));
        }
    }

    /**
     * Names a client the way the server sees it, {@code IP:PORT}.
     *
     * @param socket a connected socket
     * @return the address and port of the other end
     */
    static String describe(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /**
     * The life of one connection, on its own thread: connected, naming, joined, gone.
     * However the chat ends ({@code !DISCONNECT}, a clean close, a reset, a line too long, a
     * member that stopped reading), it ends here, in one {@code finally}: that is what makes
     * {@code left!} come exactly once.
     *
     * @param socket the accepted connection; closed when this method returns
     */
    void handle(Socket socket) {
        try (Socket client = socket; Member member = new Member(client)) {
            LineReader in = new LineReader(client.getInputStream());
            if (!chooseNickname(member, in)) {
                return; // gone during the handshake: nobody heard it came, so nobody hears it left
            }
            try {
                join(member);
                chat(member, in);
            } finally {
                leave(member);
            }
        } catch (IOException e) {
            // This connection failed (a reset, a line too long...). Only this client is
            // affected; if it had joined, the finally above has announced that it left.
            System.err.println("Client " + describe(socket) + ": " + e.getMessage());
        }
    }

    /**
     * Step 1: the handshake. Sends {@code NICK} and reads the answer, again and again, until
     * a nickname is valid and free (then it is reserved for this member).
     *
     * @param member the new connection, not joined yet
     * @param in     its incoming lines
     * @return true once a nickname is reserved; false if the client left first (the end of
     *         its stream, or {@code !DISCONNECT})
     * @throws IOException if the connection fails
     */
    boolean chooseNickname(Member member, LineReader in) throws IOException {
        while (true) {
            member.send("NICK");
            String nickname = in.readLine();
            if (nickname == null || nickname.equals(DISCONNECT)) {
                return false;
            }
            String refusal = reserve(member, nickname);
            if (refusal == null) {
                return true;
            }
            member.send("ERROR " + refusal); // and round again: NICK
        }
    }

    /**
     * Step 2: checks a nickname and, if it is valid and free, reserves it for this member.
     *
     * @param member   who asks for the name
     * @param nickname the name it asks for
     * @return null if the name is now this member's; otherwise why not, for the ERROR line
     */
    String reserve(Member member, String nickname) {
        if (!NICKNAME.matcher(nickname).matches()) {
            return "invalid nickname: use 1 to 16 of A-Z a-z 0-9 _ -";
        }
        // Check and insert in ONE atomic step: putIfAbsent returns whoever already had the
        // key, or null if we got it. With containsKey() then put(), two clients asking for
        // the same name at the same instant could both see it free, and both get it.
        if (members.putIfAbsent(key(nickname), member) != null) {
            return "nickname already taken: " + nickname;
        }
        member.setNickname(nickname);
        return null;
    }

    /**
     * Names are compared without regard to case: {@code Alice} and {@code ALICE} are the
     * same person. {@code Locale.ROOT} so that the answer does not depend on the machine's
     * language (in Turkish, {@code "I".toLowerCase()} is a dotless i).
     *
     * @param nickname a nickname, in any case
     * @return the key of that nickname in {@link #members}
     */
    static String key(String nickname) {
        return nickname.toLowerCase(Locale.ROOT);
    }

    /**
     * Step 3: lets a member in, once its nickname is reserved. It hears
     * {@code Connected to server!} before any chat line, then everyone else hears
     * {@code nick joined!}.
     *
     * @param member a member whose nickname is reserved
     */
    void join(Member member) {
        synchronized (member) { // one step for a broadcaster: see broadcast
            member.send("Connected to server!");
            member.markJoined(); // from now on, broadcasts reach it
        }
        broadcast(member, member.nickname() + " joined!");
        console.println(member.nickname() + " joined");
    }

    /**
     * Step 4: the chat loop. Every non-empty line goes to the others, prefixed with the
     * sender's nickname by the server (so nobody can speak in someone else's name).
     * Returns on {@code !DISCONNECT} or at the end of the stream.
     *
     * @param member a joined member
     * @param in     its incoming lines
     * @throws IOException if the connection fails
     */
    void chat(Member member, LineReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null && !line.equals(DISCONNECT)) {
            if (!line.isEmpty()) {
                broadcast(member, member.nickname() + ": " + line);
            }
        }
    }

    /**
     * Step 5: sends one line to every joined member except {@code from}. A member still in
     * the handshake gets nothing. Once step 10 is done, a slow member never holds it up.
     *
     * @param from who the line is about; it does not get it back
     * @param line the whole line, without its newline
     */
    void broadcast(Member from, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8); // encoded once, for everyone
        for (Member member : members.values()) {
            if (member != from) {
                // Checked and sent under the member's lock, which join holds from its Connected to
                // server! to markJoined: a member who was told it joined never misses a line.
                synchronized (member) {
                    if (member.isJoined()) {
                        member.send(bytes);
                    }
                }
            }
        }
    }

    /**
     * Step 6: a member is gone. Frees its nickname and tells the others, once: only the
     * call that really removes it from {@link #members} makes the announcement. (Its
     * connection is closed by {@link #handle} right after.)
     *
     * @param member a member whose nickname was reserved
     */
    void leave(Member member) {
        if (members.remove(key(member.nickname()), member)) {
            broadcast(member, member.nickname() + " left!");
            console.println(member.nickname() + " left");
        }
    }

    /**
     * One client's connection, as the other threads see it: its nickname, whether it has
     * joined, and the only way to send it a line.
     *
     * <p>The extra credit (step 10) makes sending never block the sender: each line is put in
     * this member's <em>outbox</em>, a queue that its own writer thread empties onto the
     * socket. If the client stops reading, only its writer thread waits; if more than
     * {@value VirtualThreadChatServer#MAX_WAITING_BYTES} bytes pile up, the server closes the connection,
     * and the member's own thread then does the leaving.
     */
    static final class Member implements Closeable {

        private final Socket socket;
        private final OutputStream out;
        /**
         * The outbox: bytes waiting for this member, guarded by {@code lock} (a ReentrantLock,
         * not synchronized: the writer parks on it, and a parked virtual thread must not pin its
         * carrier). The writer swaps it with {@code spare} and writes outside the lock, so the
         * two arrays are reused: no garbage per line, however much traffic.
         */
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private byte[] outbox = new byte[0];
        private int waiting;
        private final Thread writer;
        private volatile String nickname;
        private volatile boolean joined;

        /**
         * Takes charge of a new connection, and starts its writer thread.
         *
         * @param socket the connection; {@link #close()} closes it
         * @throws IOException if the connection is already broken
         */
        Member(Socket socket) throws IOException {
            this.socket = socket;
            // Send each line the moment it is written. Without this, TCP may hold a small
            // write back until the previous one is acknowledged (Nagle's algorithm), and a
            // burst of chat lines can arrive tens of milliseconds late.
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.writer = Thread.ofVirtual().name("writer-" + describe(socket)).start(this::writeOutbox);
        }

        /** The reserved nickname, or null during the handshake. */
        String nickname() {
            return nickname;
        }

        /** Records the nickname once {@link ChatServer#reserve} has reserved it. */
        void setNickname(String nickname) {
            this.nickname = nickname;
        }

        /** Tells whether this member has joined, and so gets chat traffic. */
        boolean isJoined() {
            return joined;
        }

        /** Marks this member as joined: broadcasts reach it from now on. */
        void markJoined() {
            joined = true;
        }

        /**
         * Sends one line to this member. Never throws: if the line cannot be delivered, the
         * connection is closed, and the member's own thread then does the leaving. With the
         * extra credit (step 10) it also never blocks: the line goes in the outbox.
         *
         * @param line the whole line, without its newline
         */
        void send(String line) {
            send((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Queues whole lines for this member, never blocking on its socket. Past
         * {@value VirtualThreadChatServer#MAX_WAITING_BYTES} waiting bytes, it is cut off.
         *
         * @param bytes one or more whole lines, shared with other members: never modified
         */
        void send(byte[] bytes) {
            lock.lock();
            try {
                if (waiting + bytes.length > MAX_WAITING_BYTES) {
                    close(); // it stopped reading long ago: its own thread then does the leaving
                    return;
                }
                if (waiting + bytes.length > outbox.length) {
                    outbox = java.util.Arrays.copyOf(outbox, Math.max(256, 2 * (waiting + bytes.length)));
                }
                System.arraycopy(bytes, 0, outbox, waiting, bytes.length);
                waiting += bytes.length;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        /**
         * The writer thread: waits until bytes wait, takes them all (swapping the outbox for the
         * spare array), and writes them in one blocking write, OUTSIDE the lock: a member that
         * does not read blocks only this virtual thread. Ends when the connection is closed.
         */
        void writeOutbox() {
            byte[] spare = new byte[0];
            try {
                while (true) {
                    byte[] full;
                    int length;
                    lock.lock();
                    try {
                        while (waiting == 0) {
                            notEmpty.await(); // parks the virtual thread; its carrier runs others
                        }
                        full = outbox;
                        length = waiting;
                        outbox = spare;
                        waiting = 0;
                    } finally {
                        lock.unlock();
                    }
                    out.write(full, 0, length);
                    out.flush();
                    spare = full;
                }
            } catch (InterruptedException | IOException e) {
                close(); // closed by close(), or the client is gone: stop here
            }
        }

        /** Closes the connection (any thread may call it, more than once) and stops the writer. */
        @Override
        public void close() {
            writer.interrupt(); // wakes it if it waits in take()
            try {
                socket.close(); // wakes the threads blocked reading or writing this socket
            } catch (IOException e) {
                // closing failed: there is nothing more we can do with this socket
            }
        }
    }

    /**
     * Reads UTF-8 lines like {@code BufferedReader.readLine()}, but never stores more than
     * {@value VirtualThreadChatServer#MAX_LINE_BYTES} bytes of one line: a client that sends bytes without
     * ever sending a newline cannot make the server eat all its memory.
     */
    static final class LineReader {

        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        /**
         * Reads lines from a stream.
         *
         * @param in the socket's input stream
         */
        LineReader(InputStream in) {
            this.in = new BufferedInputStream(in, 1024); // not the default 8 KiB: ten thousand of them
        }

        /**
         * Reads the next line. Bytes are collected up to the {@code \n} and only then decoded,
         * so a character split between two TCP reads comes out whole.
         *
         * @return the line without its {@code \n} and without one {@code \r} before it (sent
         *         by telnet); a last line without {@code \n} too; null at the end of the stream
         * @throws IOException if the connection fails, or the line is longer than the limit
         */
        String readLine() throws IOException {
            line.reset();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() == MAX_LINE_BYTES) {
                    throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
