package lab01;

import java.io.IOException;
import java.net.Socket;

/**
 * Lab 01: an echo server that serves one client at a time.
 *
 * <p>It exists to show the smallest complete TCP server: open a listening socket, accept a
 * client, read its lines, send each one back, and go back to accept the next client when
 * this one leaves. Usage: {@code java lab01.EchoServer [port [bind-address]]}.
 */
public final class EchoServer {

    /** The port this lab listens on when none is given, as in every example of the handout. */
    static final int DEFAULT_PORT = 4001;

    /** Loopback only by default: nobody outside this machine can connect. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private static final String USAGE = "Usage: java lab01.EchoServer [port [bind-address]]";

    private final int port;
    private final String bindAddress;

    /**
     * Remembers where to listen; nothing is opened until {@link #serve()}.
     *
     * @param port        the TCP port to listen on (0 lets the system pick one)
     * @param bindAddress the local address to listen on, e.g. {@code 127.0.0.1}
     */
    EchoServer(int port, String bindAddress) {
        this.port = port;
        this.bindAddress = bindAddress;
    }

    /**
     * Reads the command line, then serves forever. Bad arguments: one line on stderr, exit 2.
     * Cannot listen (e.g. the port is taken): one line on stderr, exit 1.
     *
     * @param args {@code [port [bind-address]]}
     */
    public static void main(String[] args) {
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
        try {
            new EchoServer(port, bindAddress).serve();
        } catch (IOException e) {
            System.err.println("Could not listen on " + bindAddress + ":" + port + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Tells whether {@code text} is a TCP port number, 0 to 65535. */
    static boolean isPort(String text) {
        return text.matches("[0-9]{1,5}") && Integer.parseInt(text) <= 65535;
    }

    /**
     * Step 2: listens on the port and serves clients one after another, forever.
     *
     * @throws IOException if the server cannot listen (port taken, bad address)
     */
    void serve() throws IOException {
        // TODO step 2: create a ServerSocket, bind it to bindAddress:port, then print
        //   "Echo server listening on <address>:<port>". Then, forever: accept() a client
        //   and pass it to handle(client). Close the ServerSocket with try-with-resources.
        throw new UnsupportedOperationException(
                "step 2 of the handout: listen on the port and accept clients one after another");
    }

    /**
     * Step 3: looks after one client from its arrival to its departure. The socket is always
     * closed, and an error with this client is logged on one line and never reaches
     * {@link #serve()}, so the server goes on to the next client.
     *
     * @param client the socket that {@code accept()} returned
     */
    void handle(Socket client) {
        // TODO step 3: print who connected, then call echo(client) inside a
        //   try-with-resources on the client socket, so it is always closed. Catch
        //   IOException: print ONE line on stderr and return, so serve() goes on.
        throw new UnsupportedOperationException(
                "step 3 of the handout: close the client's socket and survive its errors");
    }

    /**
     * Step 4: sends back every line the client sends, until the client closes its side.
     *
     * @param client a connected socket; the caller closes it
     * @throws IOException if the connection fails (e.g. the client resets it)
     */
    void echo(Socket client) throws IOException {
        // TODO step 4: wrap the socket's streams in a BufferedReader and a Writer, both with
        //   StandardCharsets.UTF_8. Loop: readLine() until it returns null; write each line
        //   back followed by "\n", and flush() after each one.
        throw new UnsupportedOperationException(
                "step 4 of the handout: send back every line the client sends");
    }
}
