package lab01;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

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
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(bindAddress, port));
            System.out.println("Echo server listening on " + bindAddress + ":" + server.getLocalPort());
            while (true) {
                // accept() waits until a client has connected, then returns its socket.
                Socket client = server.accept();
                // One client at a time: the next accept() runs only when this one has left.
                handle(client);
            }
        }
    }

    /**
     * Step 3: looks after one client from its arrival to its departure. The socket is always
     * closed, and an error with this client is logged on one line and never reaches
     * {@link #serve()}, so the server goes on to the next client.
     *
     * @param client the socket that {@code accept()} returned
     */
    void handle(Socket client) {
        String who = client.getInetAddress().getHostAddress() + ":" + client.getPort();
        System.out.println("Client " + who + " connected");
        try (client) {
            echo(client);
            System.out.println("Client " + who + " disconnected");
        } catch (IOException e) {
            // A reset, a broken pipe...: that client is gone, the server is fine.
            System.err.println("Client " + who + " failed: " + e.getMessage());
        }
    }

    /**
     * Step 4: sends back every line the client sends, until the client closes its side.
     *
     * @param client a connected socket; the caller closes it
     * @throws IOException if the connection fails (e.g. the client resets it)
     */
    void echo(Socket client) throws IOException {
        // Always name the charset: the default one differs from machine to machine.
        BufferedReader in = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new BufferedWriter(
                new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8));
        String line;
        // readLine() waits for a whole line, whatever pieces TCP delivers it in. It drops
        // the "\n" (and a "\r" before it) and returns null when the client has closed.
        while ((line = in.readLine()) != null) {
            out.write(line + "\n"); // a bare "\n", not println's platform line end
            out.flush();            // send it now, or the client waits forever
        }
    }
}
