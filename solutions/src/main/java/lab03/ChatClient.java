package lab03;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Lab 03: the chat room's client.
 *
 * <p>Unlike lab 01's client, it cannot wait for a reply after each line: other members talk
 * whenever they like. So it does two things at once, on two threads: a background thread
 * prints every line from the server the moment it arrives, while the main thread sends what
 * the user types.
 *
 * <p>Run it with {@code java lab03.ChatClient [host [port]]}
 * (defaults: {@value #DEFAULT_HOST}, {@value #DEFAULT_PORT}).
 */
public final class ChatClient {

    /** The server's address when none is given. */
    static final String DEFAULT_HOST = "127.0.0.1";

    /** The port of lab 03's server, as in every example of the handout (README.md). */
    static final int DEFAULT_PORT = 4003;

    /** Printed when the server closes the connection. */
    static final String DISCONNECTED = "Disconnected from server.";

    private static final String USAGE = "Usage: java lab03.ChatClient [host [port]]";

    private final Socket socket;
    private final PrintStream console;

    /**
     * True once we close the connection ourselves (end of stdin). Then the reader thread's
     * error is expected and it must not say that the server left. {@code volatile}: written
     * by the main thread, read by the reader thread.
     */
    private volatile boolean leaving;

    /**
     * Wraps a connected socket.
     *
     * @param socket  the connection to the server
     * @param console where to print the server's lines (UTF-8, auto-flushed)
     */
    ChatClient(Socket socket, PrintStream console) {
        this.socket = socket;
        this.console = console;
    }

    /**
     * Reads the command line, connects, then chats until the end of stdin (exit 0) or until
     * the server closes the connection (exit 0 after {@value #DISCONNECTED}). Bad arguments:
     * exit 2. Cannot connect: one line on stderr, exit 1.
     *
     * @param args {@code [host [port]]}
     */
    public static void main(String[] args) {
        if (args.length > 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args.length > 1 && !isPort(args[1])) {
            System.err.println("Not a port number: " + args[1] + ". " + USAGE);
            System.exit(2);
        }
        String host = args.length > 0 ? args[0] : DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PORT;

        Socket socket;
        try {
            socket = new Socket(host, port);
        } catch (UnknownHostException e) {
            System.err.println("Could not connect to " + host + ":" + port + ": unknown host");
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("Could not connect to " + host + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return; // not reached: exit() never returns, but the compiler does not know that
        }
        PrintStream console = new PrintStream(
                new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader keyboard = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (socket) {
            new ChatClient(socket, console).run(keyboard);
        } catch (IOException e) {
            // Sending failed: the server is gone. Leaving this block closes the socket, which
            // wakes the reader thread: it prints "Disconnected from server." and exits.
        }
    }

    /**
     * Tells whether {@code text} is a TCP port number, 1 to 65535.
     *
     * @param text the port as typed on the command line
     * @return true if it is a port number
     */
    static boolean isPort(String text) {
        return text.matches("[0-9]{1,5}") && Integer.parseInt(text) >= 1
                && Integer.parseInt(text) <= 65535;
    }

    /**
     * Starts the two activities of a chat client (step 6 of the handout): a background
     * thread that prints what the server sends, and, on this thread, sending what the user
     * types.
     *
     * @param keyboard the user's lines (stdin, UTF-8)
     * @throws IOException if sending fails
     */
    void run(BufferedReader keyboard) throws IOException {
        Thread reader = new Thread(this::printIncoming, "server-reader");
        reader.start();
        sendLines(keyboard);
    }

    /**
     * The reader thread (step 6 of the handout): prints every line from the server the moment
     * it arrives, even while the user types nothing. When the server closes the connection,
     * prints {@value #DISCONNECTED} and ends the program.
     */
    void printIncoming() {
        try {
            BufferedReader fromServer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = fromServer.readLine()) != null) {
                console.println(line); // println flushes: autoFlush is on
            }
        } catch (IOException e) {
            // A reset, or our own close() at the end of stdin: see below.
        }
        if (!leaving) {
            console.println(DISCONNECTED);
            // The main thread may be blocked reading stdin, and Java cannot interrupt a read
            // on System.in. So this thread ends the whole program itself.
            System.exit(0);
        }
    }

    /**
     * The main thread's loop (step 7 of the handout): sends each line of stdin to the server.
     * At the end of stdin, closes the connection and returns, so the program exits with 0.
     *
     * @param keyboard the user's lines (stdin, UTF-8)
     * @throws IOException if sending fails (the server is gone)
     */
    void sendLines(BufferedReader keyboard) throws IOException {
        Writer toServer = new BufferedWriter(
                new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = keyboard.readLine()) != null) {
            toServer.write(line + "\n");
            toServer.flush(); // send it now, not when the buffer happens to fill up
        }
        leaving = true; // set before closing: the reader thread's error is ours, not the server's
        socket.close();
    }
}
