package socketlab.grader.lab01;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.ClientUnderTest;
import socketlab.grader.GraderTest;
import socketlab.grader.Graded;
import socketlab.grader.Hints;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.Visible;

/**
 * Lab 01, the client (SPEC §2): the grader plays the echo server, types on the client's
 * stdin and reads what it prints.
 */
@GraderTest
@Tag("lab01")
@Tag("client")
@DisplayName("lab01 echo client")
class EchoClientTest {
    private static final String WAIT_FOR_REPLIES = "At the end of stdin, first read the replies still due (one per"
            + " line sent), print them, then close.";

    private static final String PRINT_EACH_REPLY = "After sending a line, read the server's reply with readLine() and"
            + " print it with System.out.println, one line per reply.";

    /** {@link #PRINT_EACH_REPLY} in the client's language. */
    static String printEachReply(ClientUnderTest client) {
        return client.language().hint()
                .java(PRINT_EACH_REPLY)
                .python("After sending a line, read the server's whole reply line (sock.makefile(\"rb\").readline()) and"
                        + " print it with print(reply, flush=True): when stdout is a pipe, as here, Python keeps what you"
                        + " print in a buffer until it is flushed.")
                .javascript("Collect what the socket sends until \\n, and print each whole line with"
                        + " process.stdout.write(line + '\\n').")
                .c("After sending a line, read until \\n and print the reply, then fflush(stdout): when stdout is a pipe,"
                        + " as here, it is fully buffered.")
                .otherwise("After sending a line, read the server's reply up to its \\n and print it on stdout as one"
                        + " line, flushing stdout (it is a pipe here, not a terminal, so it may be buffered).");
    }

    @Test
    @DisplayName("a line typed on stdin is sent to the server, ended by \\n")
    @Graded(points = 2, does = "Types one line on the client's stdin; expects the grader's server to receive it.")
    void sendsATypedLine(ClientUnderTest client, Payloads payloads) {
        String line = payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the line typed on stdin, " + Visible.of(line), client.sendEachLineHint());
    }

    @Test
    @DisplayName("the server's reply is printed on stdout")
    @Graded(points = 2, does = "Types a line; the grader's server answers with another line (a client cannot know what"
            + " a server answers); expects the client to print that answer.")
    void printsTheReply(ClientUnderTest client, Payloads payloads) {
        String line = payloads.sentence();
        String reply = "reply: " + payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the typed line", client.sendEachLineHint()).send(reply);
        client.expectPrinted(reply, "the server's reply " + Visible.of(reply), printEachReply(client) + " Print the line the"
                + " server sent, not the line that was typed: here the grader's server answered " + Visible.of(line)
                + " with " + Visible.of(reply) + ".");
    }

    @Test
    @DisplayName("spaces and tabs at both ends of a line are sent and printed unchanged")
    @Graded(points = 1, does = "Types a line that begins and ends with spaces and tabs; expects it on the wire unchanged;"
            + " echoes it, and expects it printed unchanged.")
    void keepsSpacesAndTabs(ClientUnderTest client, Payloads payloads) {
        String line = " \t" + payloads.sentence() + " \t ";
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        client.expectSent(server, line, false, "the typed line " + Visible.of(line) + ", spaces and tabs included",
                client.sendEachLineHint());
        server.send(line);
        client.expectPrinted(line, "the reply " + Visible.of(line) + ", spaces and tabs included", printEachReply(client));
    }

    @Test
    @DisplayName("a last line that ends with Ctrl-D instead of \\n is sent whole, and its reply printed")
    @Graded(points = 1, does = "Types a line, then a last one with no newline and ends stdin; expects that last line on"
            + " the wire whole, ended by \\n; echoes it a second later, and expects it printed and the client to"
            + " exit with status 0.")
    void sendsALastLineWithoutNewline(ClientUnderTest client, Payloads payloads) {
        String first = payloads.sentence();
        String last = payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(first);
        client.expectSent(server, first, false, "the first typed line", client.sendEachLineHint());
        server.send(first);
        client.expectPrinted(first, "the reply to the first line", printEachReply(client))
                .typeWithoutNewline(last)
                .endInput()
                .expectSent(server, last, true, "the last line typed, " + Visible.of(last) + ", which ended with Ctrl-D"
                        + " and no \\n", client.sendEachLineHint());
        // The reply comes a moment later, as over a real network: a client that quits at the end of
        // its input, without waiting for the reply, fails every time, not only when it is slower
        // than the grader's echo.
        client.expectStillRunningFor(Duration.ofSeconds(1), "as soon as its input ended, before the reply to its last"
                + " line arrived", WAIT_FOR_REPLIES);
        server.send(last);
        client.expectPrinted(last, "the reply to the last line", printEachReply(client))
                .expectExit(0, "its input ended and every reply was printed", "Return from main (or exit with status 0)"
                        + " once stdin is finished and the last reply is printed.");
    }

    @Test
    @DisplayName("three lines typed are sent, and their replies printed, in order")
    @Graded(points = 2, does = "Types three lines one after another; echoes each; expects three printed replies in"
            + " order.")
    void handlesSeveralLinesInOrder(ClientUnderTest client, Payloads payloads) {
        List<String> lines = List.of(payloads.sentence(), payloads.sentence(), payloads.sentence());
        client.start();
        LinePeer server = client.awaitConnection();
        for (String line : lines) {
            client.type(line);
            server.expectLine(line, "the typed line " + Visible.of(line), client.sendEachLineHint()).send(line);
        }
        for (String line : lines) {
            client.expectPrinted(line, "the reply " + Visible.of(line) + " (replies in the order they came)",
                    printEachReply(client));
        }
    }

    @Test
    @DisplayName("a reply that arrives in pieces is printed once, whole")
    @Graded(points = 2, does = "Answers a typed line in two writes with a pause between them; expects the client to"
            + " print the whole line once.")
    void printsAReplySplitAcrossSegments(ClientUnderTest client, Payloads payloads) {
        String line = payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the typed line", client.sendEachLineHint())
                .sendRaw(line.substring(0, 5))
                .expectNothing("anything from the client (it should be waiting for the rest of the line)", Hints.FRAMING)
                .sendRaw(line.substring(5) + "\n");
        client.expectPrinted(line, "the whole reply " + Visible.of(line), Hints.FRAMING);
    }

    @Test
    @DisplayName("a reply whose UTF-8 characters arrive cut between segments is printed intact")
    @Graded(points = 1, does = "Answers a typed line in four writes, pausing between them, cut inside"
            + " 'é' (after its 1st byte), '€' (after its 2nd of 3) and an emoji (after its 3rd of 4);"
            + " expects the reply printed intact.")
    void printsAReplyWithCharactersCutBetweenSegments(ClientUnderTest client, Payloads payloads) {
        String line = payloads.multiByteLine();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the typed line " + Visible.of(line) + " in UTF-8", Hints.CHARSET);
        client.sendCutInsideCharactersAndExpectPrinted(server, line, "the reply " + Visible.of(line));
    }

    @Test
    @DisplayName("non-ASCII text is sent and printed as UTF-8")
    @Graded(points = 2, does = "Types a line with accented letters and symbols; expects its UTF-8 bytes on the wire,"
            + " and the echoed reply printed the same.")
    void handlesUtf8(ClientUnderTest client, Payloads payloads) {
        String line = payloads.accentedSentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the typed line " + Visible.of(line) + " in UTF-8", Hints.CHARSET).send(line);
        client.expectPrinted(line, "the reply " + Visible.of(line), Hints.CHARSET);
    }

    @Test
    @DisplayName("an empty line typed is sent, and its empty reply printed")
    @Graded(points = 1, does = "Types an empty line, then a normal one; expects both on the wire and both replies"
            + " printed.")
    void handlesAnEmptyLine(ClientUnderTest client, Payloads payloads) {
        String after = payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type("");
        server.expectLine("", "the empty line typed on stdin", "Send every line you read, empty ones too.").send("");
        client.type(after);
        server.expectLine(after, "the line typed after the empty one", client.sendEachLineHint()).send(after);
        client.expectPrinted(after, "the reply to the line after the empty one", printEachReply(client));
    }

    @Test
    @DisplayName("a reply ended by \\r\\n is printed without the \\r")
    @Graded(points = 1, does = "Answers a typed line with the line and \\r\\n; expects the client to print it"
            + " without \\r.")
    void stripsCarriageReturnFromReplies(ClientUnderTest client, Payloads payloads) {
        String line = payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the typed line", client.sendEachLineHint()).sendRaw(line + "\r\n");
        client.expectPrinted(line, "the reply without its \\r", Hints.CRLF);
    }

    @Test
    @DisplayName("a 64 KiB reply is printed whole")
    @Graded(points = 1, does = "Types a 65,536-character line, echoes it; expects it sent and printed whole.")
    void handlesALongLine(ClientUnderTest client, Payloads payloads) {
        String line = payloads.longText(64 * 1024);
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the 65,536-character typed line", client.sendEachLineHint()).send(line);
        client.expectPrinted(line, "the 65,536-character reply", "Read whole lines (readLine), not fixed-size chunks.");
    }

    @Test
    @DisplayName("at the end of input, the client waits for the last reply, prints it, and exits with status 0")
    @Graded(points = 2, does = "Types a line and ends stdin before replying; expects the client to keep waiting,"
            + " print the late reply, close the connection and exit 0.")
    void waitsForTheLastReplyThenExits(ClientUnderTest client, Payloads payloads) {
        String line = payloads.sentence();
        client.start();
        LinePeer server = client.awaitConnection();
        client.type(line);
        server.expectLine(line, "the typed line", client.sendEachLineHint());
        client.endInput()
                .expectStillRunningFor(Duration.ofSeconds(1), "as soon as its input ended, before the reply to its"
                        + " last line arrived", WAIT_FOR_REPLIES);
        server.send(line);
        client.expectPrinted(line, "the late reply", printEachReply(client));
        server.expectClosed("the client has nothing more to send", "At the end of stdin, close the socket"
                + " (try-with-resources), so the server sees the client leave.");
        server.close();
        client.expectExit(0, "its input ended and every reply was printed", "Return from main (or System.exit(0))"
                + " once stdin is finished and the last reply is printed.");
    }

    @Test
    @DisplayName("when no server listens, the client prints one line on stderr and exits with status 1")
    @Graded(points = 2, does = "Starts the client against a port where nothing listens; expects exit status 1 and"
            + " one message on stderr, without a stack trace.")
    void reportsAFailedConnection(ClientUnderTest client) {
        String hint = "When new Socket(host, port) fails, the program must print one line such as \"Could not connect"
                + " to 127.0.0.1:4001: Connection refused\" on System.err and exit with status 1. The main you were given"
                + " does that when connect() throws its IOException: let it throw. If you changed main or catch the"
                + " exception yourself, print e.getMessage(), not the stack trace, then System.exit(1).";
        client.startAgainstClosedPort().expectOneLineError(1, "it could not connect", client.refusedConnectionHint(hint));
    }
}
