package socketlab.grader.lab04;

import static socketlab.grader.lab04.Chat.CONNECTED;
import static socketlab.grader.lab04.Chat.DISCONNECT;
import static socketlab.grader.lab04.Chat.NICK;
import static socketlab.grader.lab04.Chat.joined;
import static socketlab.grader.lab04.Chat.left;
import static socketlab.grader.lab04.Chat.said;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.ClientUnderTest;
import socketlab.grader.GraderTest;
import socketlab.grader.Graded;
import socketlab.grader.GradingFailure;
import socketlab.grader.LinePeer;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.Waits;

/**
 * Lab 04, the client (SPEC §5): the grader plays the server. It checks the client's side of
 * the handshake (the nickname from the command line or from the prompt, a refused name),
 * that it prints what arrives while the user types nothing, and each way it ends: /quit,
 * the end of stdin, the server going away, no server at all.
 */
@GraderTest
@Tag("lab04")
@Tag("client")
@DisplayName("lab04 client")
class ChatClientTest {
    private static final String PROMPT = "Choose your nickname: ";
    private static final String DISCONNECTED = "Disconnected from server.";

    /** Starts the client with {@code nick} as argument and lets it in: NICK, its nickname, Connected to server!. */
    private static LinePeer joinWithArgument(ClientUnderTest client, String nick) {
        client.startWithNickname(nick);
        LinePeer server = client.awaitConnection();
        server.send(NICK).expectLine(nick, "the nickname from the command line, " + Visible.of(nick) + ", answering NICK",
                ChatHints.clientNickArgument(client));
        server.send(CONNECTED);
        client.expectPrinted(CONNECTED, "Connected to server!, the line that lets it in", ChatHints.clientPrint(client));
        return server;
    }

    @Test
    @DisplayName("NICK is answered with the nickname given as third argument, and Connected to server! is printed")
    @Graded(points = 3, does = "Starts the client with host, port and a nickname; sends NICK; expects that nickname back,"
            + " then sends Connected to server! and expects it printed.")
    void answersNickWithTheArgument(ClientUnderTest client, TestSession session) {
        joinWithArgument(client, new Nicknames(session.payloads()).next());
        client.expectNotPrinted(NICK, "Your client printed the server's NICK request on stdout: NICK is the server asking"
                + " the program for the nickname, to be answered, not shown to the user.", ChatHints.CLIENT_NICK_NOT_PRINTED);
    }

    @Test
    @DisplayName("a line typed before the server asks NICK is sent after joining, never as the nickname")
    @Graded(points = 2, does = "Starts the client with a nickname and types a line before sending NICK; expects nothing"
            + " before NICK, the nickname as the first line after it, then, once Connected to server! is printed, the"
            + " typed line.")
    void holdsTypedLinesUntilItHasJoined(ClientUnderTest client, TestSession session) {
        String nick = new Nicknames(session.payloads()).next();
        String early = session.payloads().sentence();
        client.startWithNickname(nick);
        LinePeer server = client.awaitConnection();
        client.type(early);
        server.expectNothing("a line before the server sent NICK (the first line your client sends must be the"
                + " nickname, answering NICK)", ChatHints.CLIENT_NICK_FIRST);
        server.send(NICK);
        String first = server.nextLine("the nickname " + Visible.of(nick) + ", answering NICK",
                ChatHints.clientNickArgument(client));
        if (!first.equals(nick)) {
            throw GradingFailure.because(first.equals(early)
                            ? "Your client sent the line typed before joining as its first line, where the server reads"
                            + " the nickname: the first line your client sends must be the nickname, answering NICK."
                            : "The first line your client sent after NICK was not its nickname.")
                    .expected(Visible.of(nick + "\n")).actual(Visible.of(first + "\n"))
                    .hint(ChatHints.CLIENT_NICK_FIRST).build();
        }
        server.send(CONNECTED);
        client.expectPrinted(CONNECTED, "Connected to server!", ChatHints.clientPrint(client))
                .expectSent(server, early, false, "the line typed before joining, " + Visible.of(early) + ", sent once"
                        + " the client has joined", ChatHints.CLIENT_NICK_FIRST)
                .expectNotPrinted(NICK, "Your client printed the server's NICK request on stdout: NICK is the server"
                        + " asking the program for the nickname, to be answered, not shown to the user.",
                        ChatHints.CLIENT_NICK_NOT_PRINTED);
    }

    @Test
    @DisplayName("with no nickname argument, NICK makes the client ask: Choose your nickname:")
    @Graded(points = 2, does = "Starts the client with host and port only; sends NICK; expects the prompt, types a"
            + " nickname, and expects it sent back.")
    void asksForTheNicknameAtThePrompt(ClientUnderTest client, TestSession session) {
        String nick = new Nicknames(session.payloads()).next();
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(NICK);
        client.expectPrompt(PROMPT, ChatHints.CLIENT_PROMPT).type(nick);
        server.expectLine(nick, "the nickname typed at the prompt, " + Visible.of(nick), ChatHints.CLIENT_PROMPT)
                .send(CONNECTED);
        client.expectPrinted(CONNECTED, "Connected to server!", ChatHints.clientPrint(client));
    }

    @Test
    @DisplayName("a nickname typed at the prompt and refused: the ERROR line is printed and the client asks again")
    @Graded(points = 1, does = "No nickname argument; sends NICK, gets a typed nickname, answers ERROR and NICK; expects"
            + " the ERROR line printed, the prompt again, and the second typed nickname sent.")
    void asksAgainWhenAPromptedNicknameIsRefused(ClientUnderTest client, TestSession session) {
        Nicknames nicknames = new Nicknames(session.payloads());
        String taken = nicknames.next();
        String other = nicknames.next();
        String error = "ERROR nickname already taken: " + taken;
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(NICK);
        client.expectPrompt(PROMPT, ChatHints.CLIENT_PROMPT).type(taken);
        server.expectLine(taken, "the nickname typed at the prompt", ChatHints.CLIENT_PROMPT).send(error).send(NICK);
        client.expectPrinted(error, "the server's ERROR line", ChatHints.CLIENT_ASK_AGAIN);
        try {
            client.expectPrompt(PROMPT, ChatHints.CLIENT_ASK_AGAIN);
        } catch (GradingFailure noPrompt) {
            if (server.pendingLines().contains(taken)) {
                throw GradingFailure.because("Your client answered the second NICK with the nickname the server had just"
                                + " refused, without asking the user again.")
                        .expected("the prompt " + Visible.of(PROMPT) + ", then the next nickname typed")
                        .actual(Visible.of(taken + "\n") + " sent again").hint(ChatHints.CLIENT_ASK_AGAIN).build();
            }
            throw noPrompt;
        }
        client.type(other);
        server.expectLine(other, "the second nickname typed, " + Visible.of(other) + ", answering the second NICK",
                ChatHints.CLIENT_ASK_AGAIN);
    }

    @Test
    @DisplayName("a refused nickname given as argument: the ERROR line is printed and the client exits with status 1")
    @Graded(points = 2, does = "Starts the client with a nickname; answers it with ERROR and NICK; expects the ERROR line"
            + " printed and exit status 1.")
    void exitsWhenTheNicknameArgumentIsRefused(ClientUnderTest client, TestSession session) {
        String nick = new Nicknames(session.payloads()).next();
        String error = "ERROR nickname already taken: " + nick;
        client.startWithNickname(nick);
        LinePeer server = client.awaitConnection();
        // The client may rightly be gone before the NICK that follows ERROR: it must not be blamed if that send fails.
        server.send(NICK).expectLine(nick, "the nickname from the command line", ChatHints.clientNickArgument(client))
                .send(error).sendUnlessClosed(NICK);
        client.expectPrinted(error, "the server's ERROR line", ChatHints.CLIENT_REFUSED_ARGUMENT)
                .expectExit(1, "the server refused the nickname given on its command line",
                        ChatHints.CLIENT_REFUSED_ARGUMENT);
    }

    @Test
    @DisplayName("lines from the server are printed as they arrive, while nothing is typed")
    @Graded(points = 3, does = "After joining, the grader's server sends bob joined!, a UTF-8 chat line from bob and bob"
            + " left!, with nothing typed on stdin; expects each printed.")
    void printsLinesWhileNothingIsTyped(ClientUnderTest client, TestSession session) {
        Nicknames nicknames = new Nicknames(session.payloads());
        String bob = nicknames.next();
        LinePeer server = joinWithArgument(client, nicknames.next());
        for (String line : List.of(joined(bob), said(bob, session.payloads().accentedSentence()), left(bob))) {
            server.send(line);
            client.expectPrinted(line, Visible.of(line) + " while nothing is typed", ChatHints.clientPrint(client));
        }
    }

    @Test
    @DisplayName("each line typed is sent as typed (the server adds the nickname, not the client)")
    @Graded(points = 2, does = "After joining, types a line and a UTF-8 line; expects the grader's server to receive each"
            + " exactly as typed.")
    void sendsTypedLinesAsTheyAre(ClientUnderTest client, TestSession session) {
        LinePeer server = joinWithArgument(client, new Nicknames(session.payloads()).next());
        for (String line : List.of(session.payloads().sentence(), session.payloads().accentedSentence())) {
            client.type(line);
            server.expectLine(line, "the typed line " + Visible.of(line) + ", exactly as typed", ChatHints.CLIENT_SEND);
        }
    }

    @Test
    @DisplayName("/quit sends !DISCONNECT, closes the connection and exits with status 0")
    @Graded(points = 3, does = "After joining, types /quit; expects !DISCONNECT on the wire, the connection closed, and"
            + " exit status 0, with Disconnected from server. never printed.")
    void quitSendsDisconnect(ClientUnderTest client, TestSession session) {
        LinePeer server = joinWithArgument(client, new Nicknames(session.payloads()).next());
        client.type("/quit");
        server.expectLine(DISCONNECT, "!DISCONNECT, the protocol's goodbye, when the user typed /quit",
                        ChatHints.clientQuit(client))
                .expectClosed("the client said !DISCONNECT", ChatHints.clientQuit(client));
        client.expectExit(0, "the user typed /quit", ChatHints.clientQuit(client))
                .expectNotPrinted(DISCONNECTED, "Your client printed \"" + DISCONNECTED + "\" after /quit: the user left,"
                        + " the server did not close (SPEC §5).", ChatHints.CLIENT_LEAVE_QUIETLY);
    }

    @Test
    @DisplayName("the end of stdin sends !DISCONNECT, closes the connection and exits with status 0")
    @Graded(points = 2, does = "After joining, ends stdin; expects !DISCONNECT on the wire, the connection closed, and"
            + " exit status 0, with Disconnected from server. never printed.")
    void endOfInputSendsDisconnect(ClientUnderTest client, TestSession session) {
        LinePeer server = joinWithArgument(client, new Nicknames(session.payloads()).next());
        client.endInput();
        server.expectLine(DISCONNECT, "!DISCONNECT, the protocol's goodbye, at the end of stdin",
                        ChatHints.clientEndOfInput(client))
                .expectClosed("the client said !DISCONNECT", ChatHints.clientEndOfInput(client));
        client.expectExit(0, "its stdin ended", ChatHints.clientEndOfInput(client))
                .expectNotPrinted(DISCONNECTED, "Your client printed \"" + DISCONNECTED + "\" at the end of its own"
                        + " input: the user left, the server did not close (SPEC §5).", ChatHints.CLIENT_LEAVE_QUIETLY);
    }

    @Test
    @DisplayName("a last line that ends with Ctrl-D instead of \\n is sent whole, then !DISCONNECT")
    @Graded(points = 1, does = "After joining, types a last line with no newline and ends stdin; expects that line on"
            + " the wire whole, then !DISCONNECT, the connection closed, and exit status 0.")
    void sendsALastLineWithoutNewline(ClientUnderTest client, TestSession session) {
        LinePeer server = joinWithArgument(client, new Nicknames(session.payloads()).next());
        String last = session.payloads().sentence();
        client.typeWithoutNewline(last).endInput()
                .expectSent(server, last, true, "the last line typed, " + Visible.of(last) + ", which ended with Ctrl-D"
                        + " and no \\n", ChatHints.CLIENT_SEND);
        server.expectLine(DISCONNECT, "!DISCONNECT, after the last line", ChatHints.clientEndOfInput(client))
                .expectClosed("the client said !DISCONNECT", ChatHints.clientEndOfInput(client));
        client.expectExit(0, "its stdin ended", ChatHints.clientEndOfInput(client));
    }

    @Test
    @DisplayName("spaces and tabs at the ends of a line are sent and printed unchanged")
    @Graded(points = 1, does = "After joining, types a line that begins and ends with spaces and tabs, and sends a chat"
            + " line that ends with them; expects the typed line on the wire, and the chat line printed, unchanged.")
    void keepsSpacesAndTabs(ClientUnderTest client, TestSession session) {
        Nicknames nicknames = new Nicknames(session.payloads());
        String bob = nicknames.next();
        LinePeer server = joinWithArgument(client, nicknames.next());
        String typed = " \t" + session.payloads().sentence() + "\t ";
        client.type(typed).expectSent(server, typed, false, "the typed line " + Visible.of(typed) + ", spaces and tabs"
                + " included", ChatHints.CLIENT_SEND);
        String incoming = said(bob, "\t " + session.payloads().sentence() + " \t");
        server.send(incoming);
        client.expectPrinted(incoming, "the chat line " + Visible.of(incoming) + ", spaces and tabs included",
                ChatHints.clientPrint(client));
    }

    @Test
    @DisplayName("a line whose UTF-8 characters arrive cut between segments is printed intact")
    @Graded(points = 1, does = "After joining, sends a chat line in four writes, pausing between them, cut inside"
            + " 'é' (after its 1st byte), '€' (after its 2nd of 3) and an emoji (after its 3rd of 4);"
            + " expects the line printed intact.")
    void printsAUtf8CharacterSplitAcrossSegments(ClientUnderTest client, TestSession session) {
        Nicknames nicknames = new Nicknames(session.payloads());
        String bob = nicknames.next();
        LinePeer server = joinWithArgument(client, nicknames.next());
        String line = said(bob, session.payloads().multiByteLine());
        client.sendCutInsideCharactersAndExpectPrinted(server, line, "the chat line " + Visible.of(line));
    }

    @Test
    @DisplayName("when the server goes away, the client prints Disconnected from server. and exits")
    @Graded(points = 2, does = "After joining, the grader's server closes the connection while nothing is typed;"
            + " expects Disconnected from server. printed, and the client to exit.")
    void reportsTheServerClosing(ClientUnderTest client, TestSession session) {
        LinePeer server = joinWithArgument(client, new Nicknames(session.payloads()).next());
        server.close();
        client.expectPrinted(DISCONNECTED, "Disconnected from server., as the server closed",
                ChatHints.clientServerClosed(client));
        OptionalInt exit = client.process().awaitExit(session.waits().exit());
        if (exit.isEmpty()) {
            throw GradingFailure.because("Your client was still running " + Waits.human(session.waits().exit())
                            + " after it printed Disconnected from server.")
                    .expected("the client exits").actual("still running").hint(ChatHints.clientServerClosed(client)).build();
        }
    }

    @Test
    @DisplayName("when no server listens, the client prints one line on stderr and exits with status 1")
    @Graded(points = 2, does = "Starts the client against a port where nothing listens; expects exit status 1 and"
            + " one message on stderr, without a stack trace.")
    void reportsAFailedConnection(ClientUnderTest client) {
        String hint = "When new Socket(host, port) fails, print one line such as \"Could not connect to 127.0.0.1:4004:"
                + " Connection refused\" on System.err (e.getMessage(), not the stack trace) and exit with status 1.";
        client.startAgainstClosedPort().expectOneLineError(1, "it could not connect", client.refusedConnectionHint(hint));
    }
}
