package lab02;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Lab 02: the echo server of lab 01, but it serves many clients at the same time.
 *
 * <p>The main thread does one job only: it accepts connections. Each accepted client gets a
 * thread of its own (a {@link ClientHandler}) that echoes its lines until it leaves. A client
 * that is slow, silent or broken therefore only ever blocks its own thread.
 *
 * <p>Run it with {@code java lab02.EchoServer [port [bind-address]]}
 * (defaults: {@value #DEFAULT_PORT}, {@value #DEFAULT_BIND_ADDRESS}).
 */
public final class EchoServer {

    /** The port this lab listens on when none is given. */
    static final int DEFAULT_PORT = 4002;

    /** Loopback only by default, so nobody else on the network can connect. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /**
     * How many connections the operating system may hold, fully connected, waiting for
     * {@code accept()} (the "listen backlog"). Java's default is 50; we ask for more so that
     * a crowd of clients arriving at the same instant is not made to wait and retry.
     */
    static final int BACKLOG = 200;

    private static final String USAGE = "Usage: java lab02.EchoServer [port [bind-address]]";

    private final ServerSocket listener;
    private final PrintStream console;

    /**
     * Wraps a server socket that is already bound and listening.
     *
     * @param listener the socket to accept clients on
     * @param console  where to log who comes and goes (shared by every thread:
     *                 {@code PrintStream.println} is thread-safe)
     */
    EchoServer(ServerSocket listener, PrintStream console) {
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
            console.println("Echo server listening on " + bindAddress + ":" + listener.getLocalPort());
            new EchoServer(listener, console).serve();
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
     * The accept loop (step 1 of the handout). The main thread only accepts: for each new
     * client it starts a new thread that serves that client, and goes straight back to
     * {@code accept()}. It never reads or writes a client's socket itself, so no client can
     * keep the others waiting.
     *
     * @throws IOException if the listening socket itself fails (not a client: those fail
     *                     inside their own thread)
     */
    void serve() throws IOException {
        // TODO step 1: loop forever: accept() the next client, then start a new Thread
        //   that runs a ClientHandler for it, named "client-" + describe(client).
        //   Start the thread and go straight back to accept(): never read or write a
        //   client's socket here, or one client could keep all the others waiting.
        throw new UnsupportedOperationException(
                "step 1 of the handout: accept clients and start one thread per client");
    }

    /**
     * Names a client the way the server sees it, {@code IP:PORT}, e.g. {@code 127.0.0.1:53422}.
     * The client's port tells apart two clients on the same machine.
     *
     * @param socket a connected socket
     * @return the address and port of the other end
     */
    static String describe(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /**
     * Serves one client, on its own thread: the echo loop of lab 01. It owns its socket and
     * its reader and writer (no other thread touches them), and it always closes the socket
     * when the client leaves, however it leaves, so that the thread ends and nothing leaks.
     */
    static final class ClientHandler implements Runnable {

        private final Socket socket;
        private final PrintStream console;

        /**
         * Takes charge of one accepted client.
         *
         * @param socket  the accepted connection; this handler closes it when done
         * @param console where to log that the client came and went
         */
        ClientHandler(Socket socket, PrintStream console) {
            this.socket = socket;
            this.console = console;
        }

        /**
         * Echoes every line the client sends, until it closes its side (step 2 of the
         * handout). Any I/O error (a reset, a broken pipe) is logged in one line on stderr and
         * ends this client only: the server and the other clients go on.
         */
        @Override
        public void run() {
            // TODO step 2: the echo loop of lab 01, for this one client. Open the socket,
            //   a UTF-8 BufferedReader and a UTF-8 writer in one try-with-resources; echo each
            //   readLine() with '\n' and flush; stop at null. Catch IOException and log it in
            //   one line on System.err, so a reset ends this thread and nothing else.
            throw new UnsupportedOperationException(
                    "step 2 of the handout: echo this client's lines, then close its socket");
        }
    }
}
