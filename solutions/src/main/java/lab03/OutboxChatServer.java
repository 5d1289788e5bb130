package lab03;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lab 03, with the extra credit: a chat room. Every line a member sends goes to every
 * <em>other</em> member, prefixed with the sender's address as this server sees it:
 * {@code [127.0.0.1:53422] hello}.
 *
 * <p>The new idea of this lab is <em>shared state</em>: the {@link Room}, the set of members
 * that are connected right now. Every member's thread reads it (to broadcast) and changes it
 * (to join and leave), all at the same time, so it must be thread-safe.
 *
 * <p>This is the second reference of lab 03, the answer to the extra credit (step 8 of the
 * handout): a member that stops reading must not stall the others. Steps 1 to 5 are the same
 * as in {@code ChatServer.java} beside it; only {@link Member} differs: it hands its lines to
 * an {@link Outbox}, which a writer thread of the member's own empties. Lab 04's
 * {@code OutboxChatServer} uses the same {@code Outbox}.
 *
 * <p>Run it with {@code java lab03.OutboxChatServer [port [bind-address]]}
 * (defaults: {@value #DEFAULT_PORT}, {@value #DEFAULT_BIND_ADDRESS}), or with no build:
 * {@code java solutions/src/main/java/lab03/OutboxChatServer.java}.
 */
public final class OutboxChatServer {

    /** The port this lab listens on when none is given. */
    static final int DEFAULT_PORT = 4003;

    /** Loopback only by default, so nobody else on the network can connect. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** How many connections the system may hold waiting for {@code accept()}. */
    static final int BACKLOG = 200;

    /** The first line every new member receives. */
    static final String WELCOME = "Welcome to this chatroom!";

    private static final String USAGE = "Usage: java lab03.OutboxChatServer [port [bind-address]]";

    private final ServerSocket listener;
    private final Room room = new Room();

    /**
     * Wraps a server socket that is already bound and listening.
     *
     * @param listener the socket to accept members on
     */
    OutboxChatServer(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * Parses {@code [port [bind-address]]}, starts listening, announces it on stdout, then
     * serves members until the process is stopped.
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
            console.println("Chat server listening on " + bindAddress + ":" + listener.getLocalPort());
            new OutboxChatServer(listener).serve();
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
            System.err.println("Could not listen on " + bindAddress + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return null; // never reached: exit() does not return
        }
    }

    /**
     * The accept loop (step 1 of the handout), as in lab 02: accept a member, give it a
     * thread of its own, go straight back to {@code accept()}.
     *
     * @throws IOException if the listening socket itself fails
     */
    void serve() throws IOException {
        while (true) {
            Socket socket = listener.accept();
            new Thread(() -> handle(socket), "member-" + describe(socket)).start();
        }
    }

    /**
     * Names a member the way the server sees it, {@code IP:PORT}, e.g. {@code 127.0.0.1:53422}.
     * This is the prefix of its lines: the client cannot choose or fake it.
     *
     * @param socket a connected socket
     * @return the address and port of the other end
     */
    static String describe(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /**
     * One member's whole visit, on its own thread (step 2 of the handout): welcome it, add it
     * to the room, pass on its lines, and take it out of the room when it goes, however it
     * goes (a clean close, a reset, an error).
     *
     * @param socket the accepted connection; closed when this method returns
     */
    void handle(Socket socket) {
        // The socket is a resource too, so that it is closed even if Member's constructor fails.
        try (socket; Member member = new Member(socket)) {
            member.send(WELCOME); // before joining: the welcome is always its first line
            room.join(member);
            try {
                relay(member);
            } finally {
                room.leave(member); // step 5: however it left, it is no longer in the room
            }
        } catch (IOException e) {
            // A reset or a broken connection: it ends this member only, never the server.
        }
    }

    /**
     * The member's read loop (step 3 of the handout): every non-empty line it sends goes to
     * the room. Returns when the member closes its side of the connection.
     *
     * @param member the member whose lines to read
     * @throws IOException if the connection breaks (a reset, for example)
     */
    void relay(Member member) throws IOException {
        String line;
        while ((line = member.readLine()) != null) {
            if (!line.isEmpty()) {
                room.broadcast(member, line);
            }
        }
    }

    /**
     * The chat room: the members connected right now. This is the state that every member's
     * thread shares, so every method here may run on many threads at once.
     */
    static final class Room {

        /**
         * A concurrent set: members may join and leave while another thread loops over it.
         * A plain {@code HashSet} would throw {@code ConcurrentModificationException} then.
         */
        private final Set<Member> members = ConcurrentHashMap.newKeySet();

        /**
         * Adds a member (step 2 of the handout). From now on it receives what others say,
         * but nothing that was said before.
         *
         * @param member the new member
         */
        void join(Member member) {
            members.add(member);
        }

        /**
         * Removes a member that has left (step 5 of the handout), so nobody sends to it again.
         *
         * @param member the member that left
         */
        void leave(Member member) {
            members.remove(member);
        }

        /**
         * Sends one line to every member except its sender (step 4 of the handout), as
         * {@code [IP:PORT] line}. Never throws: a member that is gone must not stop the
         * others from getting the line, nor may one that stopped reading.
         *
         * @param from the member who sent the line
         * @param line what it said (not empty)
         */
        void broadcast(Member from, String line) {
            String message = "[" + from.address + "] " + line;
            for (Member member : members) {
                if (member != from) { // the same object: from does not get its own line back
                    member.send(message);
                }
            }
        }
    }

    /**
     * One connected member: the reader for its lines, and its outbox. Many threads send to
     * the same member at once: {@link #send} only queues the line in the outbox, whose writer
     * thread is the only one that writes to this member's socket, so each line stays whole,
     * and a member that stops reading blocks its own writer thread only.
     */
    static final class Member implements Closeable {

        /** {@code IP:PORT} of this member, as the server sees it: the prefix of its lines. */
        final String address;

        private final BufferedReader in;
        private final Outbox outbox;

        /**
         * Opens the member's reader (UTF-8, whatever the platform's default) and its outbox,
         * which starts its writer thread.
         *
         * @param socket the member's connection
         * @throws IOException if the connection is already unusable
         */
        Member(Socket socket) throws IOException {
            this.address = describe(socket);
            this.in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.outbox = new Outbox(socket, address);
        }

        /**
         * Reads the member's next line.
         *
         * @return the line without its {@code \n} (or {@code \r\n}), or null once the member
         *         has closed its side
         * @throws IOException if the connection breaks
         */
        String readLine() throws IOException {
            return in.readLine();
        }

        /**
         * Sends one line to this member, whole. Any thread may call it, and it never throws.
         * It queues the line in the outbox: that returns at once while the outbox has room;
         * a member that frees no room in {@link Outbox#STALL_MILLIS} has stopped reading, and
         * is disconnected.
         *
         * @param line the line to send, without {@code \n}
         */
        void send(String line) {
            outbox.send(line);
        }

        /**
         * Ends the member's connection once it has left the room (step 5 of the handout): the
         * writer thread first sends what is still waiting, for at most
         * {@link Outbox#GOODBYE_MILLIS}, then the socket is closed.
         */
        @Override
        public void close() {
            outbox.close();
        }
    }

    /**
     * The extra credit: the lines waiting to be sent to one member, and the thread of that
     * member's own that writes them. (Lab 03's and lab 04's {@code OutboxChatServer} share this
     * class word for word.)
     *
     * <p>A sender only queues a line, so a member that stops reading holds up its own writer
     * thread, never the sender. At most {@link #MAX_WAITING_BYTES} may wait. When the outbox is
     * full, a sender waits for room, but at most {@link #STALL_MILLIS}: a member that frees no
     * room in that time has stopped reading, so the sender closes its connection, and the
     * member's own thread then does the leaving.
     */
    static final class Outbox implements Closeable {

        /** The most bytes that may wait for one member (1 MiB): what one that stops reading costs. */
        static final int MAX_WAITING_BYTES = 1024 * 1024;

        /** How long a sender waits for room in a full outbox before it disconnects the member. */
        static final long STALL_MILLIS = 1000;

        /** How long a leaving member's writer thread may take to send what is still waiting. */
        static final long GOODBYE_MILLIS = 2000;

        /** Queued by {@link #close()}: the writer stops when it takes it. No real line is empty. */
        private static final String END = "";

        private final Socket socket;
        private final Writer out;

        /** The lines waiting, oldest first. */
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        /**
         * The free room, in bytes: a line takes its size when it is queued and gives it back
         * once written. Fair, so that a long line waiting for room is not overtaken for ever.
         */
        private final Semaphore room = new Semaphore(MAX_WAITING_BYTES, true);

        private final Thread writer;

        /**
         * Opens a UTF-8 writer on the socket and starts the writer thread.
         *
         * @param socket the member's connection; only the writer thread writes to it
         * @param name   who the member is, for the writer thread's name
         * @throws IOException if the connection is already unusable
         */
        Outbox(Socket socket, String name) throws IOException {
            this.socket = socket;
            this.out = new BufferedWriter(
                    new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
            this.writer = new Thread(this::writeLines, "writer-" + name);
            writer.start();
        }

        /**
         * Queues one line. Any thread may call it, and it never throws. It returns at once
         * while the outbox has room; when it is full, it waits up to {@link #STALL_MILLIS},
         * then disconnects the member.
         *
         * @param line the line to send, without {@code \n}
         */
        void send(String line) {
            if (socket.isClosed()) {
                return; // already disconnected: its own thread is doing the leaving
            }
            try {
                if (room.tryAcquire(sizeOf(line), STALL_MILLIS, TimeUnit.MILLISECONDS)) {
                    lines.add(line);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeSocket(); // it stopped reading: the sender goes on with the others
        }

        /**
         * The writer thread: writes the lines, oldest first, each one whole. It is the only
         * thread that writes to the socket. Ends at the end marker or when the connection breaks.
         */
        private void writeLines() {
            try {
                String line = lines.take(); // waits until there is a line
                while (!line.equals(END)) {
                    out.write(line);
                    out.write('\n');
                    // Flush once nothing else waits: a line leaves at once, a burst in few writes.
                    if (lines.isEmpty()) {
                        out.flush();
                    }
                    room.release(sizeOf(line));
                    line = lines.take();
                }
                out.flush();
            } catch (IOException | InterruptedException e) {
                closeSocket(); // so that the member's own thread notices, and it leaves
            } finally {
                room.release(MAX_WAITING_BYTES); // nothing more is written: waiting senders go on
            }
        }

        /**
         * Lets the writer thread send what is still waiting, for at most
         * {@link #GOODBYE_MILLIS}, then closes the socket.
         */
        @Override
        public void close() {
            lines.add(END);
            try {
                writer.join(GOODBYE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeSocket(); // also wakes a writer stuck on a member that does not read
        }

        /** Closes the socket now, from any thread; closing it twice does no harm. */
        private void closeSocket() {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing more to do: it is closed either way.
            }
        }

        /**
         * The room a line takes: its UTF-8 bytes and the {@code \n}, but never more than the
         * whole outbox, or a huge line could never fit.
         *
         * @param line a line without its {@code \n}
         * @return how many bytes of room it takes
         */
        private static int sizeOf(String line) {
            return Math.min(line.getBytes(StandardCharsets.UTF_8).length + 1, MAX_WAITING_BYTES);
        }
    }
}
