package lab04;

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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lab 04: the chat client, with a nickname.
 *
 * <p>First it answers the server's {@code NICK} with a nickname: the one given on the
 * command line, or one the user types. Then it works like lab 03's client: a second thread
 * prints what the server sends the moment it arrives, while the main thread sends what the
 * user types. {@code /quit} or the end of stdin sends {@code !DISCONNECT} and exits.
 *
 * <p>Run it with {@code java lab04.ChatClient [host [port [nickname]]]}.
 */
public final class ChatClient {

    /** The server's address when none is given. */
    static final String DEFAULT_HOST = "127.0.0.1";

    /** The port of lab 04's server, as in every example of the handout (README.md). */
    static final int DEFAULT_PORT = 4004;

    /** What the user is asked when no nickname is given on the command line. */
    static final String PROMPT = "Choose your nickname: ";

    /** What the user types to leave. */
    static final String QUIT = "/quit";

    /** What the client sends the server when it leaves. */
    static final String DISCONNECT = "!DISCONNECT";

    private static final String USAGE = "Usage: java lab04.ChatClient [host [port [nickname]]]";

    private final Socket socket;
    private final BufferedReader fromServer;
    private final Writer toServer;
    private final BufferedReader keyboard;
    private final PrintStream screen;

    /** The nickname from the command line, or null: then the user is asked for one. */
    private final String givenNickname;

    /** Two threads may want to end the program at once: the first one does, alone. */
    private final AtomicBoolean ending = new AtomicBoolean();

    /**
     * Prepares a session on a connected socket. Every reader and writer names its charset,
     * the keyboard and the screen included.
     *
     * @param socket        the connection to the server
     * @param givenNickname the nickname from the command line, or null
     * @throws IOException if the connection is already broken
     */
    ChatClient(Socket socket, String givenNickname) throws IOException {
        this.socket = socket;
        this.givenNickname = givenNickname;
        this.fromServer = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.toServer = new BufferedWriter(
                new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        this.keyboard = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        this.screen = new PrintStream(
                new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    /**
     * Reads the command line, connects, then chats until {@code /quit}, the end of stdin
     * or the server closing (exit 0). Bad arguments: exit 2. Cannot connect, or the server
     * refuses the nickname given on the command line: exit 1.
     *
     * @param args {@code [host [port [nickname]]]}
     */
    public static void main(String[] args) {
        if (args.length > 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args.length > 1 && !isPort(args[1])) {
            System.err.println("Not a port number: " + args[1] + ". " + USAGE);
            System.exit(2);
        }
        String host = args.length > 0 ? args[0] : DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PORT;
        String nickname = args.length > 2 ? args[2] : null;

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
        try {
            new ChatClient(socket, nickname).run();
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
     * Step 7: opens a TCP connection to the server.
     *
     * @param host the server's name or IP address
     * @param port the server's port
     * @return the connected socket
     * @throws IOException if nobody listens there (connection refused), the host is unknown...
     */
    static Socket connect(String host, int port) throws IOException {
        return new Socket(host, port);
    }

    /**
     * The whole session: join, then print and send at the same time. It ends the program
     * itself (see {@link #quit()} and {@link #serverClosed()}).
     */
    void run() {
        try {
            joinChat();
            // From now on two things happen at once: this thread waits for the keyboard, the
            // printer thread waits for the server. Neither may wait for the other.
            new Thread(this::printIncoming, "printer").start();
            sendTyped();
        } catch (IOException e) {
            serverClosed(); // the connection broke: for the user, the same as the server closing it
        }
    }

    /**
     * Step 7: the handshake, seen from the client. Answers each {@code NICK} with the
     * nickname (asking the user for one first if none was given). Prints an {@code ERROR}
     * line; if the refused nickname came from the command line, exits with status 1,
     * otherwise asks the user again at the next {@code NICK}. Returns once the server
     * sends anything else (normally {@code Connected to server!}, which it prints).
     *
     * @throws IOException if the connection fails
     */
    void joinChat() throws IOException {
        String nickname = givenNickname;
        String line;
        while ((line = fromServer.readLine()) != null) {
            if (line.equals("NICK")) {
                if (nickname == null) {
                    nickname = askNickname();
                }
                send(nickname);
            } else if (line.startsWith("ERROR ")) {
                screen.println(line);
                if (givenNickname != null) {
                    socket.close();
                    System.exit(1); // asking again would get the same answer
                }
                nickname = null; // ask the user for another one at the next NICK
            } else {
                screen.println(line); // "Connected to server!": we are in
                return;
            }
        }
        serverClosed();
    }

    /**
     * Asks the user for a nickname on the screen and reads it from the keyboard. The end of
     * stdin or {@code /quit} here means the user wants to leave.
     *
     * @return the line the user typed
     * @throws IOException if reading the keyboard fails
     */
    String askNickname() throws IOException {
        screen.print(PROMPT);
        screen.flush(); // no newline after a prompt, so flush by hand
        String nickname = keyboard.readLine();
        if (nickname == null || nickname.equals(QUIT)) {
            quit();
        }
        return nickname;
    }

    /**
     * Step 8: runs on its own thread. Prints every line from the server the moment it
     * arrives, until the server closes the connection.
     */
    void printIncoming() {
        try {
            String line;
            while ((line = fromServer.readLine()) != null) {
                screen.println(line); // println flushes: autoFlush is on
            }
        } catch (IOException e) {
            // A reset, or quit() closed the socket under our feet: the connection is over.
        }
        serverClosed();
    }

    /**
     * Step 9: sends each line the user types, until {@code /quit} or the end
     * of stdin, then quits.
     *
     * @throws IOException if the connection fails
     */
    void sendTyped() throws IOException {
        String line;
        while ((line = keyboard.readLine()) != null && !line.equals(QUIT)) {
            send(line);
        }
        quit();
    }

    /**
     * Sends one line to the server, {@code \n} ended, flushed at once.
     *
     * @param line the line, without its newline
     * @throws IOException if the connection fails
     */
    void send(String line) throws IOException {
        toServer.write(line + "\n");
        toServer.flush();
    }

    /**
     * Step 9: the user is done. Tells the server ({@code !DISCONNECT}), closes, exits 0.
     * {@code System.exit} because the printer thread is still blocked reading the socket.
     */
    void quit() {
        if (ending.compareAndSet(false, true)) {
            try {
                send(DISCONNECT);
                socket.close();
            } catch (IOException e) {
                // The server is gone already: there is nobody left to say goodbye to.
            }
            System.exit(0);
        }
    }

    /**
     * The server closed the connection: tell the user, exit 0. {@code System.exit} because
     * the main thread is still blocked reading the keyboard, and nothing can wake it.
     * Does nothing if {@link #quit()} got there first (it closed the socket itself).
     */
    void serverClosed() {
        if (ending.compareAndSet(false, true)) {
            screen.println("Disconnected from server.");
            System.exit(0);
        }
    }
}
