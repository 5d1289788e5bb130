package socketlab.grader.lab04;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import socketlab.grader.GradingFailure;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Transcript;
import socketlab.grader.Visible;

/**
 * A client that joins, then stops reading for good, as a frozen program or a user who
 * pressed Ctrl-S would. The engine's {@code LinePeer} always reads, so this one is a bare
 * socket: it reads the handshake itself, then lets the server's lines pile up. Its receive
 * buffer is made small so that the pile-up reaches the server quickly.
 */
final class StalledClient implements AutoCloseable {
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
    static StalledClient join(ServerUnderTest server, TestSession session, String nick) {
        Socket socket = new Socket();
        StalledClient client = new StalledClient(socket, nick, session);
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.setSoTimeout((int) session.waits().event().toMillis());
            socket.connect(server.address(), (int) session.waits().event().toMillis());
            session.transcript().event(Transcript.Kind.CONNECTED, nick, nick + " connected to your server from port " + socket.getLocalPort()
                    + " (it will stop reading once it has joined)");
            client.expectLine(Chat.NICK);
            byte[] answer = (nick + "\n").getBytes(StandardCharsets.UTF_8);
            session.transcript().data(nick, "your server", answer);
            socket.getOutputStream().write(answer);
            client.expectLine(Chat.CONNECTED);
            session.transcript().event(Transcript.Kind.NOTE, nick, nick + " stops reading from now on");
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
}
