package lab03;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room's rules (steps 2, 4 and 5) tested without a network: each member is a real
 * {@link ChatServer.Member} on a Mockito stand-in for its socket, whose output is kept in
 * memory. A member's output is read after {@code close()}, which (with the extra credit)
 * first lets its writer thread send what is waiting. Run with {@code mvn -pl lab03-broadcast
 * test}; add a test by copying one and changing who says what.
 */
class RoomTest {
    private final ChatServer.Room room = new ChatServer.Room();
    private final List<ChatServer.Member> members = new ArrayList<>();
    private final List<ByteArrayOutputStream> outputs = new ArrayList<>();

    /** A member connected from 127.0.0.1:port, whose received bytes are kept. */
    private ChatServer.Member member(int port) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ChatServer.Member member = new ChatServer.Member(socket(port, received));
        members.add(member);
        outputs.add(received);
        return member;
    }

    private static Socket socket(int port, OutputStream received) throws IOException {
        Socket socket = mock(Socket.class);
        when(socket.getInetAddress()).thenReturn(InetAddress.getLoopbackAddress());
        when(socket.getPort()).thenReturn(port);
        when(socket.getInputStream()).thenReturn(new ByteArrayInputStream(new byte[0]));
        when(socket.getOutputStream()).thenReturn(received);
        return socket;
    }

    /** What each member received, once every member has been closed. */
    private List<String> received() {
        members.forEach(ChatServer.Member::close);
        return outputs.stream().map(out -> out.toString(StandardCharsets.UTF_8)).toList();
    }

    @AfterEach
    void closeEveryone() {
        members.forEach(ChatServer.Member::close);
    }

    @Test
    void aLineReachesEveryOtherMemberPrefixedWithTheSendersAddress() throws IOException {
        ChatServer.Member alice = member(5001);
        room.join(alice);
        room.join(member(5002));
        room.join(member(5003));

        room.broadcast(alice, "hello");

        assertThat(received()).containsExactly("", "[127.0.0.1:5001] hello\n", "[127.0.0.1:5001] hello\n");
    }

    @Test
    void linesArriveWholeAndInOrder() throws IOException {
        ChatServer.Member alice = member(5001);
        room.join(alice);
        room.join(member(5002));

        room.broadcast(alice, "one");
        room.broadcast(alice, "two");

        assertThat(received().get(1)).isEqualTo("[127.0.0.1:5001] one\n[127.0.0.1:5001] two\n");
    }

    @Test
    void aMemberThatLeftHearsNothingMore() throws IOException {
        ChatServer.Member alice = member(5001);
        ChatServer.Member bob = member(5002);
        room.join(alice);
        room.join(bob);

        room.leave(bob);
        room.broadcast(alice, "still there?");

        assertThat(received().get(1)).isEmpty();
    }

    @Test
    void aMemberWhoseConnectionBrokeDoesNotStopTheOthersGettingTheLine() throws IOException {
        ChatServer.Member alice = member(5001);
        OutputStream broken = mock(OutputStream.class);
        doThrow(new IOException("Broken pipe")).when(broken).write(any(byte[].class), anyInt(), anyInt());
        doThrow(new IOException("Broken pipe")).when(broken).write(anyInt());
        ChatServer.Member gone = new ChatServer.Member(socket(5002, broken));
        members.add(gone);
        room.join(alice);
        room.join(gone);
        room.join(member(5003));

        assertThatCode(() -> room.broadcast(alice, "hi")).as("a broadcast never throws").doesNotThrowAnyException();

        assertThat(received().get(1)).isEqualTo("[127.0.0.1:5001] hi\n");
    }
}
