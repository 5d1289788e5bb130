package socketlab.grader.lab04;

import static socketlab.grader.lab04.Chat.joined;
import static socketlab.grader.lab04.Chat.said;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import socketlab.grader.Graded;
import socketlab.grader.Hints;
import socketlab.grader.KnownMistake;
import socketlab.grader.LinePeer;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;

/**
 * The chat room of lab 04 once clients have joined (SPEC §5), written once and inherited by
 * each lab that keeps that protocol (lab 04, and lab 05 at scale): who hears about a
 * newcomer, that a client still in the handshake is out of the chat both ways, and that the
 * server, not the client, names the speaker.
 */
public abstract class ChatRoomBehaviour {

    @Test
    @DisplayName("a newcomer is announced as <nick> joined! to every other joined client, and not to itself")
    @Graded(points = 3, does = "alice, then bob, then carol join; alice hears bob joined! and carol joined!, bob hears"
            + " carol joined!; then alice sends a line, and it is the next line bob and carol get.")
    void announcesANewcomerToTheOthers(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String carol = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob);
        chat.expectLine(aliceClient, joined(bob), Visible.of(joined(bob)) + " when " + bob + " joined", ChatHints.JOINED);
        LinePeer carolClient = chat.join(carol);
        chat.expectLine(aliceClient, joined(carol), Visible.of(joined(carol)) + " when " + carol + " joined", ChatHints.JOINED);
        chat.expectLine(bobClient, joined(carol), Visible.of(joined(carol)) + " when " + carol + " joined", ChatHints.JOINED,
                ownJoin(bob));
        String line = session.payloads().sentence();
        aliceClient.send(line);
        chat.expectLine(bobClient, said(alice, line), alice + "'s line", ChatHints.RELAY);
        chat.expectLine(carolClient, said(alice, line), alice + "'s line, the first thing " + carol + " hears after joining",
                ChatHints.JOINED, ownJoin(carol));
    }

    private static KnownMistake ownJoin(String nick) {
        return KnownMistake.line(joined(nick), "Your server announced " + nick + "'s arrival to " + nick + " itself: the"
                + " newcomer gets Connected to server!, only the others get \"" + joined(nick) + "\".", ChatHints.JOINED);
    }

    @Test
    @DisplayName("a client still choosing its nickname gets no chat traffic, and nothing it sends is broadcast")
    @Graded(points = 3, does = "alice joins; a client gets NICK and waits; bob joins and alice chats; the waiting client"
            + " then sends an invalid nickname and expects ERROR as its first line; when it joins, alice and bob hear"
            + " only its join.")
    void keepsClientsInTheHandshakeOutOfTheChat(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String carol = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer waiting = chat.connect(carol);
        LinePeer bobClient = chat.join(bob, aliceClient);
        String line = session.payloads().sentence();
        aliceClient.send(line);
        chat.expectLine(bobClient, said(alice, line), alice + "'s line", ChatHints.RELAY);

        String invalid = session.payloads().word() + " " + session.payloads().word() + "!";
        waiting.send(invalid);
        chat.expectRefused(waiting, invalid, "it has a space and a '!'", ChatHints.REFUSE_INVALID,
                // Any chat traffic: alice's joined! may reach it too, if the server announced her late.
                ChatHints.REFUSE_INVALID, KnownMistake.when(chat::isChatTraffic,
                        "Your server sent chat traffic to a client that is still choosing its nickname (it had"
                                + " received NICK and had not joined).", ChatHints.HANDSHAKE_OUT_OF_CHAT));
        chat.answerNick(waiting, carol);
        KnownMistake relayed = KnownMistake.when(got -> got.contains(invalid), "Your server broadcast what a client sent while it was"
                + " still choosing its nickname.", ChatHints.HANDSHAKE_OUT_OF_CHAT);
        chat.expectLine(aliceClient, joined(carol), Visible.of(joined(carol)) + ", and nothing before it from the"
                + " client in the handshake", ChatHints.JOINED, relayed);
        chat.expectLine(bobClient, joined(carol), Visible.of(joined(carol)) + ", and nothing before it from the client"
                + " in the handshake", ChatHints.JOINED, relayed);
    }

    @Test
    @DisplayName("a line from alice reaches every other joined client as alice: line, in order, and not her")
    @Graded(points = 4, does = "alice, bob and carol join; alice sends a line, an empty line, a UTF-8 line and a 4,096-byte"
            + " line; bob and carol each get the three non-empty ones as alice: ..., in order; then bob's line is the"
            + " next one alice gets.")
    void relaysLinesWithTheSendersNickname(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String carol = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        LinePeer carolClient = chat.join(carol, aliceClient, bobClient);
        String plain = session.payloads().sentence();
        String accented = session.payloads().accentedSentence();
        String longLine = session.payloads().longText(4096);
        aliceClient.send(plain).send("").send(accented).send(longLine);
        KnownMistake empty = KnownMistake.line(said(alice, ""), "Your server relayed " + alice + "'s empty line; empty lines are ignored.",
                ChatHints.RELAY);
        for (LinePeer other : new LinePeer[] {bobClient, carolClient}) {
            chat.expectLine(other, said(alice, plain), alice + "'s first line, with the nickname in front", ChatHints.RELAY);
            chat.expectLine(other, said(alice, accented), alice + "'s UTF-8 line " + Visible.of(accented)
                    + " (the empty line before it is skipped)", ChatHints.RELAY, empty);
            chat.expectLine(other, said(alice, longLine), alice + "'s 4,096-character line, whole", "Read whole lines"
                    + " (readLine), and write each relayed line in one piece, flushed.");
        }
        String reply = session.payloads().sentence();
        bobClient.send(reply);
        chat.expectLine(aliceClient, said(bob, reply), bob + "'s reply, the first line " + alice + " gets after sending hers",
                ChatHints.RELAY, KnownMistake.when(got -> got.startsWith(alice + ": "), "Your server sent " + alice
                        + " its own line back: a line goes to every joined client except its sender.", ChatHints.RELAY));
        chat.expectLine(carolClient, said(bob, reply), bob + "'s reply", ChatHints.RELAY);
    }

    @Test
    @DisplayName("a line whose UTF-8 characters are split between segments reaches the others intact")
    @Graded(points = 1, does = "alice and bob join; alice sends a line in four writes, each cut inside a character"
            + " ('é', '€' and an emoji); expects bob to get it whole and undamaged, after alice's nickname.")
    void relaysUtf8SplitAcrossSegments(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        String line = session.payloads().multiByteLine();
        aliceClient.sendCutInsideCharacters(line, () -> bobClient.expectNothing("a piece of " + alice + "'s line before"
                + " the line was complete", ChatHints.RELAY));
        chat.expectLine(bobClient, said(alice, line), alice + "'s line " + Visible.of(line) + ", sent in four pieces"
                + " cut inside its characters", Hints.SPLIT_CHARACTER);
    }

    @Test
    @DisplayName("spaces and tabs at the start and end of a line reach the others unchanged")
    @Graded(points = 1, does = "alice and bob join; alice sends a line that starts with a tab and a space and ends with"
            + " two spaces and a tab; expects bob to get it exactly, after alice's nickname, nothing trimmed.")
    void keepsSpacesAndTabsAroundALine(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        String line = "\t " + session.payloads().sentence() + "  \t";
        aliceClient.send(line);
        chat.expectLine(bobClient, said(alice, line), alice + "'s line " + Visible.of(line) + ", spaces and tabs"
                + " included", Hints.TRIMMED, KnownMistake.when(got -> got.equals(said(alice, line.strip()))
                        || got.equals(said(alice, line).strip()), "Your server trimmed " + alice + "'s line: the spaces"
                        + " and tabs around it are part of the text.", Hints.TRIMMED));
    }

    @Test
    @DisplayName("a client cannot speak as another: \"bob: hi\" sent by alice is shown as \"alice: bob: hi\"")
    @Graded(points = 2, does = "alice and bob join; alice sends a line that starts with bob's nickname and ': '; bob"
            + " expects it with alice's prefix in front.")
    void aClientCannotSpeakAsAnother(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        String forged = said(bob, session.payloads().sentence());
        aliceClient.send(forged);
        chat.expectLine(bobClient, said(alice, forged), alice + "'s line, with " + alice + "'s nickname in front",
                ChatHints.PREFIX, KnownMistake.line(forged, "Your server relayed " + alice + "'s line without "
                        + alice + "'s nickname in front, so it reads as if " + bob + " had said it.", ChatHints.PREFIX));
    }
}
