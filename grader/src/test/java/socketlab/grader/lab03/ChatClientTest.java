package socketlab.grader.lab03;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.ClientUnderTest;
import socketlab.grader.GraderTest;
import socketlab.grader.Graded;
import socketlab.grader.GradingFailure;
import socketlab.grader.Hints;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.Waits;

/**
 * Lab 03, the client (SPEC §4): the grader plays the chat server. What is new since lab 01
 * is that lines arrive whenever the others talk, not as replies: the client must print them
 * while its user types nothing, send what is typed at any time, and notice when the server
 * goes away.
 */
@GraderTest
@Tag("lab03")
@Tag("client")
@DisplayName("lab03 chat client")
class ChatClientTest {
    static final String DISCONNECTED = "Disconnected from server.";
    static final String TWO_THREADS = "Your client seems to read the socket only after a line is typed. Lines from"
            + " the others come at any moment: read the socket on a thread of its own, which prints each line as soon"
            + " as it arrives, while the main thread reads the keyboard (step 6 of the handout).";
    static final String NOTICE_THE_END = "When readLine() on the socket returns null (or throws), the server has gone:"
            + " print \"" + DISCONNECTED + "\" and end the program with System.exit(0), from that reading thread,"
            + " since the main thread may be blocked reading the keyboard, and nothing interrupts that.";

    @Test
    @DisplayName("lines from the server are printed as they arrive, while nothing is typed")
    @Graded(points = 3, does = "Sends the welcome, then two chat lines, one at a time, typing nothing; expects the"
            + " client to print each one as it arrives.")
    void printsLinesWhileNothingIsTyped(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        client.expectPrinted(Chat.WELCOME, "the welcome line, with nothing typed", twoThreads(client));
        for (int i = 0; i < 2; i++) {
            String line = chatLine(payloads);
            server.send(line);
            client.expectPrinted(line, "the chat line " + Visible.of(line) + ", with nothing typed", twoThreads(client));
        }
    }

    @Test
    @DisplayName("each line typed is sent to the server, also while lines arrive")
    @Graded(points = 2, does = "Types a line, then one with accented letters; expects both on the wire as typed;"
            + " sends a chat line, expects it printed, then expects a third typed line on the wire.")
    void sendsEachTypedLine(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        String first = payloads.sentence();
        String accented = payloads.accentedSentence();
        client.type(first);
        server.expectLine(first, "the line typed on stdin, " + Visible.of(first), client.sendEachLineHint());
        client.type(accented);
        server.expectLine(accented, "the typed line " + Visible.of(accented) + " in UTF-8", Hints.CHARSET);
        String incoming = chatLine(payloads);
        server.send(incoming);
        client.expectPrinted(incoming, "the chat line " + Visible.of(incoming), twoThreads(client));
        String third = payloads.sentence();
        client.type(third);
        server.expectLine(third, "the line typed after a chat line arrived", client.sendEachLineHint());
    }

    @Test
    @DisplayName("a burst of 200 lines, some about 4 KiB long, is printed whole and in order")
    @Graded(points = 2, does = "Sends the welcome and 200 chat lines in one write (one in ten about 4 KiB long, some"
            + " with accented letters); expects all of them printed, whole, in order.")
    void printsABurstOfLinesWhole(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        List<String> lines = new ArrayList<>();
        StringBuilder burst = new StringBuilder(Chat.WELCOME).append('\n');
        for (int i = 1; i <= 200; i++) {
            String text = i % 10 == 0 ? payloads.longText(4000) : i % 7 == 0 ? payloads.accentedSentence()
                    : payloads.sentence();
            String line = chatLine(payloads, "line " + i + ": " + text);
            lines.add(line);
            burst.append(line).append('\n');
        }
        server.sendRaw(burst.toString());
        client.expectPrinted(Chat.WELCOME, "the welcome line", Hints.FRAMING);
        for (int i = 0; i < lines.size(); i++) {
            client.expectPrinted(lines.get(i), "chat line " + (i + 1) + " of 200, whole and in order", "Read the"
                    + " socket line by line (a BufferedReader with UTF-8, readLine()) and print each line as it is:"
                    + " TCP delivers a burst in pieces of any size.");
        }
    }

    @Test
    @DisplayName("when the server closes the connection, the client prints \"Disconnected from server.\" and exits")
    @Graded(points = 2, does = "Sends the welcome, then closes the connection while nothing is typed; expects"
            + " \"Disconnected from server.\" printed, and the client to exit (with any status).")
    void saysWhenTheServerIsGone(ClientUnderTest client, TestSession session) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        client.expectPrinted(Chat.WELCOME, "the welcome line", twoThreads(client));
        server.close();
        client.expectPrinted(DISCONNECTED, Visible.of(DISCONNECTED) + " once the server closed the connection",
                noticeTheEnd(client));
        OptionalInt exit = client.process().awaitExit(session.waits().exit());
        if (exit.isEmpty()) {
            throw GradingFailure.because("Your client printed \"" + DISCONNECTED + "\" but was still running "
                            + Waits.human(session.waits().exit()) + " later.")
                    .expected("the client exits").actual("still running, its stdin open and silent")
                    .hint(noticeTheEnd(client)).build();
        }
    }

    @Test
    @DisplayName("at the end of its input, the client closes the connection and exits with status 0")
    @Graded(points = 2, does = "Sends the welcome; types a line and ends stdin (Ctrl-D); expects the line on the"
            + " wire, then the client to exit with status 0 and its connection to close, without printing \"Disconnected"
            + " from server.\" (the client left, the server did not close).")
    void exitsAtTheEndOfInput(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        String line = payloads.sentence();
        client.type(line);
        server.expectLine(line, "the typed line", client.sendEachLineHint());
        client.endInput();
        client.expectExit(0, "its input ended", endOfInputHint(client));
        server.expectClosed("the client has finished", "Close the socket at the end of stdin.");
        client.expectNotPrinted(DISCONNECTED, "Your client printed \"" + DISCONNECTED + "\" at the end of its own input:"
                + " the client left, the server did not close (SPEC §4).", leavingQuietlyHint(client));
    }

    @Test
    @DisplayName("a last line that ends with Ctrl-D instead of \\n is sent whole")
    @Graded(points = 1, does = "Sends the welcome; types a last line with no newline and ends stdin; expects that line on"
            + " the wire whole, ended by \\n, then the client to exit with status 0.")
    void sendsALastLineWithoutNewline(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        client.expectPrinted(Chat.WELCOME, "the welcome line", twoThreads(client));
        String last = payloads.sentence();
        client.typeWithoutNewline(last).endInput()
                .expectSent(server, last, true, "the last line typed, " + Visible.of(last) + ", which ended with Ctrl-D"
                        + " and no \\n", client.sendEachLineHint())
                .expectExit(0, "its input ended", endOfInputHint(client));
    }

    @Test
    @DisplayName("spaces and tabs at the ends of a line are sent and printed unchanged")
    @Graded(points = 1, does = "Types a line that begins and ends with spaces and tabs, and sends a chat line that ends"
            + " with them; expects the typed line on the wire, and the chat line printed, unchanged.")
    void keepsSpacesAndTabs(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        String typed = "\t " + payloads.sentence() + " \t";
        client.type(typed)
                .expectSent(server, typed, false, "the typed line " + Visible.of(typed) + ", spaces and tabs included",
                        client.sendEachLineHint());
        String incoming = chatLine(payloads, " \t" + payloads.sentence() + "\t ");
        server.send(incoming);
        client.expectPrinted(incoming, "the chat line " + Visible.of(incoming) + ", spaces and tabs included",
                twoThreads(client));
    }

    @Test
    @DisplayName("a line whose UTF-8 characters arrive cut between segments is printed intact")
    @Graded(points = 1, does = "Sends a chat line in four writes, pausing between them, cut inside"
            + " 'é' (after its 1st byte), '€' (after its 2nd of 3) and an emoji (after its 3rd of 4);"
            + " expects the line printed intact.")
    void printsAUtf8CharacterSplitAcrossSegments(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        client.expectPrinted(Chat.WELCOME, "the welcome line", twoThreads(client));
        String line = chatLine(payloads, payloads.multiByteLine());
        client.sendCutInsideCharactersAndExpectPrinted(server, line, "the chat line " + Visible.of(line));
    }

    @Test
    @DisplayName("a line ended by \\r\\n is printed without the \\r")
    @Graded(points = 1, does = "Sends a chat line ended by \\r\\n, as a telnet-style server may; expects it printed"
            + " without the \\r.")
    void stripsCarriageReturn(ClientUnderTest client, Payloads payloads) {
        client.start();
        LinePeer server = client.awaitConnection();
        server.send(Chat.WELCOME);
        String line = chatLine(payloads);
        server.sendRaw(line + "\r\n");
        client.expectPrinted(line, "the chat line without its \\r", Hints.CRLF);
    }

    @Test
    @DisplayName("when no server listens, the client prints one line on stderr and exits with status 1")
    @Graded(points = 1, does = "Starts the client once with a server (it must print the welcome), then against a"
            + " port where nothing listens; expects exit status 1 and one line on stderr, without a stack trace.")
    void reportsAFailedConnection(ClientUnderTest working, ClientUnderTest refused) {
        working.start();
        LinePeer server = working.awaitConnection();
        server.send(Chat.WELCOME);
        working.expectPrinted(Chat.WELCOME, "the welcome line (this first run has a server)", twoThreads(working));
        String hint = "When new Socket(host, port) fails, print one line such as \"Could not connect to 127.0.0.1:4003:"
                + " Connection refused\" on System.err (e.getMessage(), not the stack trace) and exit with status 1.";
        refused.startAgainstClosedPort().expectOneLineError(1, "it could not connect", refused.refusedConnectionHint(hint));
    }

    static String endOfInputHint(ClientUnderTest client) {
        return client.language().hint()
                .java("At the end of stdin (readLine() returns null), close the socket and return from main. If the"
                        + " thread that prints the server's lines then fails on the closed socket, it must end quietly:"
                        + " set a volatile flag (\"leaving\") before closing, and check it there.")
                .python("At the end of stdin, close the socket and exit with status 0. A thread blocked in recv() is"
                        + " not woken by close(): make it a daemon thread (threading.Thread(..., daemon=True)), or"
                        + " call sock.shutdown(socket.SHUT_RDWR) first, or end with os._exit(0).")
                .javascript("When readline emits 'close' (the end of stdin), end the socket (socket.end()) and"
                        + " process.exit(0) once it is done.")
                .otherwise("At the end of stdin, close the connection and exit with status 0, even if another thread"
                        + " is still blocked reading the socket (end the whole process).");
    }

    static String twoThreads(ClientUnderTest client) {
        return client.language().hint()
                .java(TWO_THREADS)
                .python("Your client seems to read the socket only after a line is typed. Lines from the others come at"
                        + " any moment: read the socket in a thread of its own (threading.Thread(target=...,"
                        + " daemon=True)) that prints each line as soon as it arrives, with flush=True, while the main"
                        + " thread reads stdin.")
                .javascript("Your client seems to print the server's lines only after a line is typed. Print them in"
                        + " the socket's 'data' handler, as soon as they arrive, independently of stdin's events.")
                .otherwise("Your client seems to read the socket only after a line is typed. Lines from the others come"
                        + " at any moment: wait for the socket and for stdin at the same time (two threads, or select/poll),"
                        + " and print each line from the server as soon as it arrives, flushing stdout.");
    }

    static String noticeTheEnd(ClientUnderTest client) {
        return client.language().hint()
                .java(NOTICE_THE_END)
                .python("When the socket's read returns b\"\" (or raises), the server has gone: print \"" + DISCONNECTED
                        + "\" and end the whole program with os._exit(0) from that reading thread: sys.exit() there would"
                        + " end only that thread, and the main thread stays blocked reading stdin.")
                .javascript("On the socket's 'close' (or 'end') event, the server has gone: print \"" + DISCONNECTED
                        + "\" and call process.exit(0): the open stdin would keep Node running.")
                .otherwise("When the socket's read reports the end (0 bytes, or an error), the server has gone: print \""
                        + DISCONNECTED + "\" and end the whole process, even though another thread may be blocked"
                        + " reading stdin.");
    }

    static String leavingQuietlyHint(ClientUnderTest client) {
        return client.language().hint()
                .java("Set a volatile flag (\"leaving\") before you close the socket at the end of stdin; the reading"
                        + " thread prints \"" + DISCONNECTED + "\" only when the flag is not set, that is, when the server"
                        + " closed first.")
                .otherwise("Remember that your client is leaving (a flag set before it closes the socket at the end of"
                        + " stdin); the code that reads the socket prints \"" + DISCONNECTED + "\" only when the server"
                        + " closed first, never after your own close.");
    }

    /** A chat line as the server relays it: another member's address, then what it said. */
    private static String chatLine(Payloads payloads) {
        return chatLine(payloads, payloads.sentence());
    }

    static String chatLine(Payloads payloads, String text) {
        return "[" + Chat.HOST + ":" + (40000 + payloads.nextInt(20000)) + "] " + text;
    }
}
