package socketlab.grader.lab04;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import socketlab.grader.LinePeer;
import socketlab.grader.Waits;
import socketlab.grader.GradingFailure;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;

/**
 * A client that joins, then stops reading for good, as a frozen program or a user who
 * pressed Ctrl-S would. The engine's {@code LinePeer} always reads, so this one is a bare
 * socket: it reads the handshake itself, then lets the server's lines pile up. Its receive
 * buffer is made small so that the pile-up reaches the server quickly.
 */
public final class StalledClient implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 4096;

    private final Socket socket;
    private final String name;
    private final TestSession session;

    private StalledClient(Socket socket, String name, TestSession session) {
        this.socket = socket;
        this.name = name;
        this.session = session;
    }

    /** Connects, answers NICK with {@code nick}, reads Connected to server!, and reads nothing more. */
    public static StalledClient join(ServerUnderTest server, TestSession session, String nick) {
        Socket socket = new Socket();
        StalledClient client = new StalledClient(socket, nick, session);
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.setSoTimeout((int) session.waits().event().toMillis());
            socket.connect(server.address(), (int) session.waits().event().toMillis());
            session.transcript().event(nick + " connected to your server from port " + socket.getLocalPort()
                    + " (it will stop reading once it has joined)");
            client.expectLine(Chat.NICK);
            byte[] answer = (nick + "\n").getBytes(StandardCharsets.UTF_8);
            session.transcript().data(nick, "your server", answer);
            socket.getOutputStream().write(answer);
            client.expectLine(Chat.CONNECTED);
            session.transcript().event(nick + " stops reading from now on");
            return client;
        } catch (IOException e) {
            client.close();
            throw GradingFailure.because(nick + " could not join: " + e.getMessage() + ".").hint(ChatHints.ACCEPT).build();
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private void expectLine(String expected) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        session.transcript().data("your server", name, b == '\n' ? appendNewline(bytes) : bytes);
        String text = line.toString(StandardCharsets.UTF_8);
        if (b == -1 || !text.equals(expected)) {
            throw GradingFailure.because(name + " expected " + Visible.of(expected + "\n") + " while joining, but your"
                    + " server " + (b == -1 ? "closed the connection" : "sent " + Visible.of(text + "\n")) + ".")
                    .hint(ChatHints.ACCEPT).build();
        }
    }

    private static byte[] appendNewline(byte[] bytes) {
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        out[bytes.length] = '\n';
        return out;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the test is over with this connection.
        }
    }

    /**
     * Sends one batch of a flood as alice, in bounded time: a server that stopped reading her
     * (stuck sending to the client that does not read) would block the grader.
     */
    public static void sendWithin(ExecutorService sender, LinePeer alice, byte[] bytes, TestSession session, int first,
                                  int lines, String hint) {
        Future<?> sending = sender.submit(() -> alice.sendRaw(bytes));
        try {
            sending.get(session.waits().event().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw GradingFailure.because("Your server stopped reading " + alice.name() + "'s lines (from line " + (first + 1) + " of "
                    + lines + ") for " + Waits.human(session.waits().event()) + ": it is stuck sending to the client"
                    + " that does not read.").hint(hint).build();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // a GradingFailure: alice's connection broke
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + alice.name() + " was sending", e);
        }
    }

    /**
     * Enough to fill every buffer between the server and the client that does not read: more
     * than the most the kernel lets one socket buffer for sending (tcp_wmem's maximum, 4 MiB
     * by default on Linux), plus a margin. A server that writes in the broadcaster's thread
     * is then certain to block.
     */
    public static long bytesToFillBuffers() {
        long sendBufferMax = 4L << 20;
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            sendBufferMax = Long.parseLong(wmem[2]);
        } catch (IOException | RuntimeException notLinux) {
            // Keep the default: other systems buffer less.
        }
        return Math.min(64L << 20, sendBufferMax + (2L << 20));
    }
}
