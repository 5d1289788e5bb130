package socketlab.grader.lab04;

import static socketlab.grader.lab04.Chat.CONNECTED;
import static socketlab.grader.lab04.Chat.NICK;
import static socketlab.grader.lab04.Chat.joined;
import static socketlab.grader.lab04.Chat.said;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import socketlab.grader.Graded;
import socketlab.grader.GradingFailure;
import socketlab.grader.KnownMistake;
import socketlab.grader.LinePeer;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;

/**
 * The server's handshake of lab 04 (SPEC §5), written once and inherited by each lab that keeps
 * that protocol (lab 04, and lab 05 at scale): NICK first, which nicknames are let in and which
 * are refused (invalid, taken, taken with other capitals), and the handshake under pressure:
 * a client that never answers, two clients racing for one name, a nickname that arrives
 * together with the first chat line, telnet's {@code \r\n}.
 */
public abstract class HandshakeBehaviour {
    /**
     * Rounds of the nickname race. One round catches a check-then-insert server only now and
     * then (about one in five, on two cores, when the check and the insertion are separated by
     * sending Connected to server!), so the race is run many times.
     */
    private static final int ROUNDS = 50;

    @Test
    @DisplayName("the server sends NICK as soon as a client connects")
    @Graded(points = 2, does = "Connects and expects NICK as the very first line.")
    void asksForANicknameFirst(ServerUnderTest server) {
        server.connect().expectLine(NICK, "NICK, the first line of the handshake", ChatHints.NICK_FIRST);
    }

    @Test
    @DisplayName("valid nicknames (1 to 16 of A-Z a-z 0-9 _ -) are answered with Connected to server!")
    @Graded(points = 3, does = "Three clients answer NICK with a one-letter name, a 16-character name with a digit, - and"
            + " _, and a usual one; each expects Connected to server!.")
    void acceptsValidNicknames(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        for (String nick : List.of(chat.nicknames().oneLetter(), chat.nicknames().sixteenCharacters(), chat.nickname())) {
            chat.answerNick(chat.connect(nick), nick);
        }
    }

    @Test
    @DisplayName("an invalid nickname (empty, too long, other characters) gets one ERROR line, then NICK again")
    @Graded(points = 3, does = "A client answers NICK with an empty name, a 17-character one, one with a space, one with"
            + " '!' and one with 'é'; expects ERROR <reason> then NICK after each, then Connected to server! for a valid"
            + " name; a joined client hears nothing until that one joins.")
    void refusesInvalidNicknames(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String word = session.payloads().word();
        String alice = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        String[][] invalid = {
            {"", "it is empty"},
            {chat.nicknames().sixteenCharacters() + "7", "it is 17 characters long, one more than 16"},
            {word + " " + session.payloads().word(), "it has a space"},
            {word + "!", "it has a '!'"},
            {"Caf\u00e9_" + session.payloads().nextInt(1000), "it has 'é', which is not one of A-Z a-z"},
        };
        LinePeer newcomer = chat.connect("C2");
        for (String[] attempt : invalid) {
            newcomer.send(attempt[0]);
            chat.expectRefused(newcomer, attempt[0], attempt[1], ChatHints.REFUSE_INVALID, ChatHints.REFUSE_INVALID);
        }
        String valid = chat.nickname();
        chat.answerNick(newcomer, valid);
        aliceClient.expectLine(joined(valid), Visible.of(joined(valid)) + ", and nothing before it about the refused names",
                ChatHints.JOINED);
    }

    @Test
    @DisplayName("a nickname already in use gets ERROR, then NICK again")
    @Graded(points = 2, does = "alice joins; a second client asks for alice's nickname and expects ERROR <reason> then"
            + " NICK; it then joins with another name, and alice hears only that one join.")
    void refusesATakenNickname(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer second = chat.connect("C2");
        second.send(alice);
        chat.expectRefused(second, alice, alice + " is connected and holds it", ChatHints.TAKEN, ChatHints.ERROR_THEN_NICK);
        String other = chat.nickname();
        chat.answerNick(second, other);
        aliceClient.expectLine(joined(other), Visible.of(joined(other)) + ", the second client's real name",
                ChatHints.JOINED);
    }

    @Test
    @DisplayName("a nickname in use with other capitals (Alice, alice) counts as taken")
    @Graded(points = 2, does = "Alice_12 joins; a second client asks for alice_12, then ALICE_12; expects ERROR then NICK"
            + " after each.")
    void refusesATakenNicknameInAnotherCase(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        chat.join(alice);
        LinePeer second = chat.connect("C2");
        for (String variant : List.of(alice.toLowerCase(Locale.ROOT), alice.toUpperCase(Locale.ROOT))) {
            second.send(variant);
            chat.expectRefused(second, variant, Visible.of(alice) + " is connected, and nicknames are compared without"
                    + " regard to case", ChatHints.CASE, ChatHints.CASE);
        }
    }

    @Test
    @DisplayName("a client that never answers NICK does not stop others from joining")
    @Graded(points = 3, does = "A first client connects and stays silent; a second client expects NICK, joins and chats"
            + " with a third one while the first is still silent.")
    void aSilentClientDoesNotStopOthersJoining(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer silent = server.connect("silent");
        String alice = chat.nickname();
        String bob = chat.nickname();
        LinePeer aliceClient = server.connect(alice).expectLine(NICK, "NICK, while the first client stays silent",
                ChatHints.ACCEPT_LOOP);
        chat.answerNick(aliceClient, alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        String line = session.payloads().sentence();
        bobClient.send(line);
        aliceClient.expectLine(said(bob, line), bob + "'s line, while the first client is still silent", ChatHints.ACCEPT_LOOP);
        silent.expectLine(NICK, "NICK (it was connected all along)", ChatHints.NICK_FIRST);
    }

    @Test
    @DisplayName("two clients asking for the same free nickname at the same instant: exactly one gets it (50 rounds)")
    @Graded(points = 3, does = "50 rounds: two new clients send the same fresh nickname at the same instant; in each"
            + " round exactly one must get Connected to server! and the other ERROR.")
    void onlyOneOfTwoRacingClientsGetsTheName(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        for (int round = 1; round <= ROUNDS; round++) {
            String nick = chat.nickname();
            List<LinePeer> racers = List.of(chat.connect("R" + round + "a"), chat.connect("R" + round + "b"));
            // The two answers leave back to back, so both server threads check the name at nearly
            // the same moment; who goes first alternates.
            int first = round % 2;
            racers.get(first).send(nick);
            racers.get(1 - first).send(nick);
            List<String> winners = new ArrayList<>();
            for (LinePeer racer : racers) {
                String answer = racer.nextLine("Connected to server! or ERROR, the answer to " + Visible.of(nick),
                        ChatHints.RACE);
                if (answer.equals(CONNECTED)) {
                    winners.add(racer.name());
                } else if (!answer.startsWith("ERROR ")) {
                    throw GradingFailure.because(racer.name() + " asked for " + Visible.of(nick) + " and expected"
                                    + " Connected to server! or an ERROR line, but your server sent something else.")
                            .expected("\"Connected to server!\\n\" or \"ERROR <reason>\\n\"")
                            .actual(Visible.of(answer + "\n")).hint(ChatHints.ERROR_THEN_NICK).build();
                }
            }
            if (winners.size() != 1) {
                throw GradingFailure.because("In round " + round + " of " + ROUNDS + ", " + (winners.isEmpty()
                                ? "neither " + racers.get(0).name() + " nor " + racers.get(1).name() + " got the free"
                                + " nickname " + Visible.of(nick) + ": both were refused."
                                : "both " + winners.get(0) + " and " + winners.get(1) + " got the nickname "
                                + Visible.of(nick) + ": two clients now hold one name."))
                        .expected("exactly one Connected to server! and one ERROR")
                        .actual(winners.isEmpty() ? "two ERROR lines" : "two Connected to server!")
                        .hint(winners.isEmpty() ? ChatHints.TAKEN : ChatHints.RACE).build();
            }
            racers.forEach(LinePeer::close);
        }
    }

    @Test
    @DisplayName("a nickname and a first chat line that arrive in one TCP segment are both handled")
    @Graded(points = 2, does = "alice joins; bob answers NICK with his name and a chat line in one write; expects"
            + " Connected to server! for bob, then alice gets bob joined! and bob's line.")
    void handlesANicknameAndALineInOneSegment(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String line = session.payloads().sentence();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.connect(bob).sendRaw(bob + "\n" + line + "\n");
        chat.expectConnected(bobClient, bob);
        aliceClient.expectLine(joined(bob), Visible.of(joined(bob)), ChatHints.JOINED)
                .expectLine(said(bob, line), "the chat line that came in the same segment as " + bob + "'s nickname",
                        ChatHints.SAME_READER);
    }

    @Test
    @DisplayName("a nickname and lines ended by \\r\\n (telnet) work like \\n ones")
    @Graded(points = 2, does = "alice joins; bob answers NICK with his name ended by \\r\\n, then sends a line ended by"
            + " \\r\\n; expects Connected to server!, then alice gets bob joined! and bob: line, without \\r.")
    void acceptsTelnetLineEndings(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String line = session.payloads().sentence();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.connect(bob).sendRaw(bob + "\r\n");
        chat.expectLine(bobClient, CONNECTED, "Connected to server! for " + Visible.of(bob + "\r\n"), ChatHints.CRLF,
                KnownMistake.when(answer -> answer.startsWith("ERROR"), "Your server refused the nickname "
                        + Visible.of(bob) + " because it came with \\r\\n, as telnet sends it.", ChatHints.CRLF));
        aliceClient.expectLine(joined(bob), Visible.of(joined(bob)) + ", without \\r", ChatHints.CRLF);
        bobClient.sendRaw(line + "\r\n");
        aliceClient.expectLine(said(bob, line), bob + "'s line without its \\r", ChatHints.CRLF);
    }
}
