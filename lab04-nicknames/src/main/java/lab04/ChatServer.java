package lab04;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Lab 04: a chat server where everyone has a nickname.
 *
 * <p>Every connection goes through four states, always in this order: <em>connected</em>
 * (the server sends {@code NICK}), <em>naming</em> (it reads nicknames until one is valid and
 * free), <em>joined</em> (each line the client sends goes to the others as
 * {@code nick: line}) and <em>gone</em> ({@code nick left!} is announced, exactly once).
 * One thread per client walks its connection through these states, so a client that is slow
 * to choose a name never keeps anyone else waiting.
 *
 * <p>Run it with {@code java lab04.ChatServer [port [bind-address]]}
 * (defaults: {@value #DEFAULT_PORT}, {@value #DEFAULT_BIND_ADDRESS}).
 */
public final class ChatServer {

    /** The port this lab listens on when none is given. */
    static final int DEFAULT_PORT = 4004;

    /** Loopback only by default, so nobody else on the network can connect. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** How many connections may wait for {@code accept()} (Java's default is only 50). */
    static final int BACKLOG = 200;

    /** The line a client sends to leave the chat. */
    static final String DISCONNECT = "!DISCONNECT";

    /** A valid nickname: 1 to 16 characters, each a letter A-Z or a-z, a digit, _ or -. */
    static final Pattern NICKNAME = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    /** The longest line the server reads (64 KiB). A client that sends more is cut off. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** How much may wait for one member (1 MiB) before the server gives up on it. */
    static final long MAX_WAITING_BYTES = 1024 * 1024;

    private static final String USAGE = "Usage: java lab04.ChatServer [port [bind-address]]";

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
    ChatServer(ServerSocket listener, PrintStream console) {
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
            new ChatServer(listener, console).serve();
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
            new Thread(() -> handle(client), "client-" + describe(client)).start();
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
        // TODO step 1: loop: member.send("NICK"), then read one line with in.readLine().
        //   null (the client left) or DISCONNECT: return false. Otherwise call reserve():
        //   null means the name is now this member's: return true; anything else is a
        //   reason: send "ERROR " + reason, and go round again (NICK).
        throw new UnsupportedOperationException(
                "step 1 of the handout: send NICK and read nicknames until one is reserved");
    }

    /**
     * Step 2: checks a nickname and, if it is valid and free, reserves it for this member.
     *
     * @param member   who asks for the name
     * @param nickname the name it asks for
     * @return null if the name is now this member's; otherwise why not, for the ERROR line
     */
    String reserve(Member member, String nickname) {
        // TODO step 2: if NICKNAME does not match the whole name, return a reason.
        //   Then reserve the name in ONE step: members.putIfAbsent(key(nickname), member)
        //   returns null only if it was free (not containsKey() then put(): two clients
        //   could both win). Free: member.setNickname(nickname), return null. Taken: a reason.
        throw new UnsupportedOperationException(
                "step 2 of the handout: check the nickname and reserve it atomically");
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
        // TODO step 3: inside synchronized (member) { ... }, send "Connected to server!" to
        //   this member FIRST, then member.markJoined(); then broadcast "<nick> joined!".
        throw new UnsupportedOperationException(
                "step 3 of the handout: send Connected to server! and announce <nick> joined!");
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
        // TODO step 4: read lines until null or DISCONNECT, then just return (leaving
        //   is step 6). Skip empty lines; broadcast each other line as nickname + ": " + line.
        throw new UnsupportedOperationException(
                "step 4 of the handout: broadcast each line as <nick>: <line> until !DISCONNECT");
    }

    /**
     * Step 5: sends one line to every joined member except {@code from}. A member still in
     * the handshake gets nothing. Once step 10 is done, a slow member never holds it up.
     *
     * @param from who the line is about; it does not get it back
     * @param line the whole line, without its newline
     */
    void broadcast(Member from, String line) {
        // TODO step 5: for each member in members.values() but "from": inside
        //   synchronized (member) { ... }, send it the line if it has joined (isJoined()).
        throw new UnsupportedOperationException(
                "step 5 of the handout: send the line to every other joined member");
    }

    /**
     * Step 6: a member is gone. Frees its nickname and tells the others, once: only the
     * call that really removes it from {@link #members} makes the announcement. (Its
     * connection is closed by {@link #handle} right after.)
     *
     * @param member a member whose nickname was reserved
     */
    void leave(Member member) {
        // TODO step 6: members.remove(key(nickname), member) returns true only if
        //   this member was still there. Only then broadcast "<nick> left!": that way it is
        //   announced once, however the member left.
        throw new UnsupportedOperationException(
                "step 6 of the handout: free the nickname and announce <nick> left! exactly once");
    }

    /**
     * One client's connection, as the other threads see it: its nickname, whether it has
     * joined, and the only way to send it a line.
     *
     * <p>The extra credit (step 10) makes sending never block the sender: each line is put in
     * this member's <em>outbox</em>, a queue that its own writer thread empties onto the
     * socket. If the client stops reading, only its writer thread waits; if more than
     * {@value ChatServer#MAX_WAITING_BYTES} bytes pile up, the server closes the connection,
     * and the member's own thread then does the leaving.
     */
    static final class Member implements Closeable {

        private final Socket socket;
        private final OutputStream out;
        private volatile String nickname;
        private volatile boolean joined;

        /**
         * Takes charge of a new connection (and, with step 10, starts its writer thread).
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
            // Extra credit (step 10): create the outbox, and start a writer thread here
            //   that runs writeOutbox().
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
            // Extra credit (step 10): this writes in the CALLER's thread, so a member that
            //   stops reading blocks whoever sends to it. Instead, add the bytes to an outbox
            //   (and cut the member off if more than MAX_WAITING_BYTES are waiting).
            synchronized (this) { // one line at a time: two senders must not mix their bytes
                try {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    close(); // the client is gone: its own thread notices and does the leaving
                }
            }
        }

        /**
         * Step 10 (extra credit): the writer thread. Takes lines from the outbox, oldest
         * first, and writes each one whole, flushed. Only this thread writes to the socket,
         * so two lines never mix. Ends when the connection is closed.
         */
        void writeOutbox() {
            // TODO step 10: (extra credit) loop: take() the next line from the
            //   outbox (it waits for one), subtract its size from the bytes waiting, write it
            //   and flush. On an IOException or an InterruptedException: close() and return.
            throw new UnsupportedOperationException(
                    "step 10 of the handout: write the outbox to the socket in its own thread");
        }

        /** Closes the connection (any thread may call it, more than once) and stops the writer. */
        @Override
        public void close() {
            // Extra credit (step 10): also stop the writer thread (interrupt() it).
            try {
                socket.close(); // wakes the threads blocked reading or writing this socket
            } catch (IOException e) {
                // closing failed: there is nothing more we can do with this socket
            }
        }
    }

    /**
     * Reads UTF-8 lines like {@code BufferedReader.readLine()}, but never stores more than
     * {@value ChatServer#MAX_LINE_BYTES} bytes of one line: a client that sends bytes without
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
            this.in = new BufferedInputStream(in);
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
