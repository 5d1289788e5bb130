package socketlab.grader.lab04;

import static socketlab.grader.lab04.Chat.DISCONNECT;
import static socketlab.grader.lab04.Chat.joined;
import static socketlab.grader.lab04.Chat.left;
import static socketlab.grader.lab04.Chat.said;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import socketlab.grader.Graded;
import socketlab.grader.LinePeer;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.KnownMistake;

/**
 * Leaving, as lab 04 defines it (SPEC §5), written once and inherited by each lab that keeps
 * that protocol (lab 04, and lab 05 at scale): however a joined client goes ({@code !DISCONNECT}, a clean
 * close, a reset), the others read {@code <nick> left!} exactly once, {@code !DISCONNECT}
 * is never relayed as chat, and the nickname is free again. "Exactly once" is checked with
 * a barrier: a newcomer takes the freed name, so the next line the others get must be its
 * {@code joined!}, and nothing may follow.
 */
public abstract class LeavingBehaviour {

    @Test
    @DisplayName("!DISCONNECT: the others read alice left! once, her connection is closed, and her nickname is free"
            + " again")
    @Graded(points = 4, does = "alice, bob and carol join; alice sends !DISCONNECT; bob and carol expect alice left!, and"
            + " alice's connection closed; a newcomer then takes alice's nickname, and bob and carol hear only its"
            + " joined!.")
    void announcesADisconnectOnce(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(chat.nickname(), aliceClient);
        LinePeer carolClient = chat.join(chat.nickname(), aliceClient, bobClient);
        aliceClient.send(DISCONNECT);
        KnownMistake relayed = KnownMistake.line(said(alice, DISCONNECT), "Your server broadcast " + alice
                + "'s !DISCONNECT as a chat line.",
                ChatHints.DISCONNECT_RELAYED);
        for (LinePeer other : List.of(bobClient, carolClient)) {
            chat.expectLine(other, left(alice), Visible.of(left(alice)) + " after " + alice + " sent !DISCONNECT",
                    ChatHints.DISCONNECT, relayed);
        }
        aliceClient.expectClosed(alice + " sent !DISCONNECT", ChatHints.CLOSE_AFTER_DISCONNECT);
        expectNameFreeAndLeftOnce(chat, alice, "sent !DISCONNECT", List.of(bobClient, carolClient), relayed);
    }

    @Test
    @DisplayName("a client that closes its connection without !DISCONNECT is announced as left! once, and its"
            + " nickname is free again")
    @Graded(points = 3, does = "alice and bob join; alice sends a line, then closes her connection; bob expects the"
            + " line, then alice left!; a newcomer then takes alice's nickname, and bob hears only its joined!.")
    void announcesAnAbruptCloseOnce(ServerUnderTest server, TestSession session) {
        leavesAbruptly(server, session, LinePeer::close, "closed its connection without !DISCONNECT",
                ChatHints.LEFT_ON_CLOSE);
    }

    @Test
    @DisplayName("a client that resets its connection is announced as left! once, and its nickname is free again")
    @Graded(points = 2, does = "alice and bob join; alice sends a line, then resets her connection (as a crashed"
            + " program does); bob expects the line, then alice left!; a newcomer then takes alice's nickname, and bob"
            + " hears only its joined!.")
    void announcesAResetOnce(ServerUnderTest server, TestSession session) {
        leavesAbruptly(server, session, LinePeer::reset, "reset its connection", ChatHints.LEFT_ON_RESET);
    }

    private static void leavesAbruptly(ServerUnderTest server, TestSession session, Consumer<LinePeer> leave,
                                       String how, String hint) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(chat.nickname(), aliceClient);
        String line = session.payloads().sentence();
        aliceClient.send(line);
        chat.expectLine(bobClient, said(alice, line), alice + "'s line", ChatHints.RELAY);
        leave.accept(aliceClient);
        chat.expectLine(bobClient, left(alice), Visible.of(left(alice)) + " after " + alice + " " + how, hint);
        expectNameFreeAndLeftOnce(chat, alice, how, List.of(bobClient));
    }

    /**
     * A newcomer takes the nickname of {@code nick}, who has left; each of {@code others}
     * must then get that newcomer's {@code joined!} as its very next line (a second
     * {@code left!} before it is the classic bug), and nothing after it.
     */
    private static void expectNameFreeAndLeftOnce(Chat chat, String nick, String how, List<LinePeer> others,
                                                  KnownMistake... moreWrongs) {
        LinePeer newcomer = chat.connect("newcomer");
        chat.claimFreedName(newcomer, nick, how);
        for (LinePeer other : others) {
            KnownMistake twice = KnownMistake.line(left(nick), other.name() + " read \"" + left(nick) + "\" a second time: your server"
                    + " announced one leaving twice.", ChatHints.LEFT_ONCE);
            KnownMistake[] wrongs = java.util.stream.Stream.concat(java.util.stream.Stream.of(twice),
                    java.util.stream.Stream.of(moreWrongs)).toArray(KnownMistake[]::new);
            chat.expectLine(other, joined(nick), Visible.of(joined(nick)) + " for the newcomer who took the freed"
                    + " nickname, and nothing before it", ChatHints.JOINED, wrongs);
        }
        others.get(others.size() - 1).expectNothing("a second \"" + left(nick) + "\" or anything else after the newcomer"
                + " joined", ChatHints.LEFT_ONCE);
    }
}
