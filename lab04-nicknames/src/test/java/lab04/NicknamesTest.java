package lab04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;

/**
 * The nickname rules (steps 1, 2, 5 and 6) tested without a network: each member is a
 * Mockito mock, so the test sees every line the server sends it, and the server is never
 * started. Run with {@code mvn -pl lab04-nicknames test}; add a test by copying one.
 */
class NicknamesTest {
    private final ChatServer server = new ChatServer(mock(ServerSocket.class), mock(PrintStream.class));

    /** A connected member that has joined under this name. */
    private ChatServer.Member joined(String nickname) {
        ChatServer.Member member = mock(ChatServer.Member.class);
        when(member.nickname()).thenReturn(nickname);
        when(member.isJoined()).thenReturn(true);
        assertThat(server.reserve(member, nickname)).as("reserving the free name %s", nickname).isNull();
        return member;
    }

    @Test
    void aValidFreeNameIsReservedForTheMember() {
        ChatServer.Member alice = mock(ChatServer.Member.class);

        assertThat(server.reserve(alice, "alice_01")).isNull();

        verify(alice).setNickname("alice_01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "seventeen_chars_x", "two words", "émile", "a:b"})
    void anInvalidNameIsRefusedWithAReason(String nickname) {
        ChatServer.Member member = mock(ChatServer.Member.class);

        assertThat(server.reserve(member, nickname)).isNotBlank();

        verify(member, never()).setNickname(anyString());
    }

    @Test
    void aNameInUseIsTakenWhateverItsCapitals() {
        joined("alice");
        ChatServer.Member other = mock(ChatServer.Member.class);

        assertThat(server.reserve(other, "ALICE")).isNotBlank();

        verify(other, never()).setNickname(anyString());
    }

    @Test
    void theHandshakeAsksAgainAfterAnErrorUntilANameIsFree() throws IOException {
        ChatServer.Member member = mock(ChatServer.Member.class);
        ChatServer.LineReader answers = new ChatServer.LineReader(
                new ByteArrayInputStream("no spaces allowed\nbob\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(server.chooseNickname(member, answers)).isTrue();

        InOrder lines = inOrder(member);
        lines.verify(member).send("NICK");
        lines.verify(member).send(startsWith("ERROR "));
        lines.verify(member).send("NICK");
        verify(member).setNickname("bob");
    }

    @Test
    void aLineGoesToEveryOtherJoinedMemberOnly() {
        ChatServer.Member alice = joined("alice");
        ChatServer.Member bob = joined("bob");
        ChatServer.Member stillChoosing = mock(ChatServer.Member.class);
        server.reserve(stillChoosing, "carol");  // reserved, but not joined yet

        server.broadcast(alice, "alice: hi");

        verify(bob).send("alice: hi");
        verify(alice, never()).send("alice: hi");
        verify(stillChoosing, never()).send(anyString());
    }

    @Test
    void leavingIsAnnouncedOnceAndFreesTheName() {
        ChatServer.Member alice = joined("alice");
        ChatServer.Member bob = joined("bob");

        server.leave(alice);
        server.leave(alice);

        verify(bob, times(1)).send("alice left!");
        assertThat(server.reserve(mock(ChatServer.Member.class), "alice")).as("alice's name, free again").isNull();
    }
}
