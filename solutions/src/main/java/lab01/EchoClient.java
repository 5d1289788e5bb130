package lab01;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Lab 01: the client of the echo server.
 *
 * <p>It exists to show the other side of a TCP connection: connect to a server, send it
 * what the user types, one line at a time, and print each line the server sends back.
 * Usage: {@code java lab01.EchoClient [host [port]]}.
 */
public final class EchoClient {

    /** The server's address when none is given. */
    static final String DEFAULT_HOST = "127.0.0.1";

    /** The port of lab 01's server, as in every example of the handout (README.md). */
    static final int DEFAULT_PORT = 4001;

    private static final String USAGE = "Usage: java lab01.EchoClient [host [port]]";

    private EchoClient() {
    }

    /**
     * Reads the command line, connects, then talks until the end of stdin (exit 0).
     * Bad arguments: exit 2. Cannot connect, or the connection is lost: one line on
     * stderr, exit 1.
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
            socket = connect(host, port);
        } catch (UnknownHostException e) {
            System.err.println("Could not connect to " + host + ":" + port + ": unknown host");
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("Could not connect to " + host + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return; // not reached: exit() never returns, but the compiler does not know that
        }
        try (socket) {
            talk(socket);
        } catch (IOException e) {
            System.err.println("Connection to " + host + ":" + port + " lost: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Tells whether {@code text} is a TCP port number, 1 to 65535. */
    static boolean isPort(String text) {
        return text.matches("[0-9]{1,5}") && Integer.parseInt(text) >= 1
                && Integer.parseInt(text) <= 65535;
    }

    /**
     * Step 5: opens a TCP connection to the server.
     *
     * @param host the server's name or IP address
     * @param port the server's port
     * @return the connected socket
     * @throws IOException if nobody listens there (connection refused), the host is unknown...
     */
    static Socket connect(String host, int port) throws IOException {
        // The constructor returns once the connection is made, or throws.
        return new Socket(host, port);
    }

    /**
     * Step 6: for each line of stdin, sends it to the server and prints the reply on stdout.
     * Returns at the end of stdin, once every reply has been printed.
     *
     * @param socket a connected socket; the caller closes it
     * @throws IOException if the connection fails, or the server closes it before replying
     */
    static void talk(Socket socket) throws IOException {
        // Name the charset everywhere, the keyboard and the screen included.
        BufferedReader keyboard = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter screen = new PrintWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        BufferedReader fromServer = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Writer toServer = new BufferedWriter(
                new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));

        String line;
        while ((line = keyboard.readLine()) != null) {
            toServer.write(line + "\n");
            toServer.flush(); // send it now: the server waits for the whole line
            String reply = fromServer.readLine();
            if (reply == null) {
                throw new EOFException("the server closed the connection");
            }
            screen.println(reply); // println flushes: autoFlush is on
        }
    }
}
