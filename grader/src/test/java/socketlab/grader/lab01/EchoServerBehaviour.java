package socketlab.grader.lab01;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import socketlab.grader.Graded;
import socketlab.grader.GradingFailure;
import socketlab.grader.Hints;
import socketlab.grader.KnownMistake;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.Symptom;
import socketlab.grader.Visible;

/**
 * What every echo server must do on the wire (SPEC §1-2), whether it serves one client at a
 * time (lab 01) or many (lab 02): the tests are written once, here, and each lab's test
 * class inherits them under its own tags.
 */
public abstract class EchoServerBehaviour {

    @Test
    @DisplayName("a line you send comes back exactly as sent")
    @Graded(points = 2, does = "Connects, sends one line, and expects the same line back, ended by \\n.")
    void echoesALine(ServerUnderTest server, Payloads payloads) {
        String line = payloads.sentence();
        server.connect()
                .send(line)
                .expectLine(line, "the echo of " + Visible.of(line), Hints.ECHO);
    }

    @Test
    @DisplayName("several lines come back one by one, in order")
    @Graded(points = 1, does = "Sends three lines, waiting for each echo before the next.")
    void echoesLinesInOrder(ServerUnderTest server, Payloads payloads) {
        LinePeer client = server.connect();
        for (int i = 0; i < 3; i++) {
            String line = payloads.sentence();
            client.send(line).expectLine(line, "the echo of line " + (i + 1), Hints.FLUSH);
        }
        client.expectNothing("a line nobody sent", Hints.ECHO_EXACTLY);
    }

    @Test
    @DisplayName("a line split across TCP segments, with pauses between them, is echoed once, whole")
    @Graded(points = 3, does = "Sends one line in three pieces, pausing between them; expects nothing until the \\n,"
            + " then the whole line once.")
    void echoesALineSplitAcrossSegments(ServerUnderTest server, Payloads payloads) {
        String line = payloads.sentence();
        String first = line.substring(0, 4);
        String middle = line.substring(4, 9);
        String rest = line.substring(9);
        server.connect()
                .sendRaw(first)
                .expectNothing("an echo of " + Visible.of(first) + ", before the line was complete", Hints.FRAMING)
                .sendRaw(middle)
                .expectNothing("an echo before the line was complete", Hints.FRAMING)
                .sendRaw(rest + "\n")
                .expectLine(line, "the echo of the whole line " + Visible.of(line), Hints.FRAMING)
                .expectNothing("a second copy or a piece of the line", Hints.FRAMING);
    }

    @Test
    @DisplayName("several lines that arrive in one segment are echoed as separate lines")
    @Graded(points = 2, does = "Sends three lines in a single write; expects three echoes and nothing more.")
    void echoesLinesArrivingTogether(ServerUnderTest server, Payloads payloads) {
        String one = payloads.sentence();
        String two = payloads.sentence();
        String three = payloads.sentence();
        server.connect()
                .sendRaw(one + "\n" + two + "\n" + three + "\n")
                .expectLine(one, "the echo of the first of three lines", Hints.FRAMING)
                .expectLine(two, "the echo of the second line", Hints.FRAMING)
                .expectLine(three, "the echo of the third line", Hints.FRAMING)
                .expectNothing("anything after the three echoes", Hints.FRAMING);
    }

    @Test
    @DisplayName("spaces and tabs at the start and end of a line come back unchanged")
    @Graded(points = 1, does = "Sends a line that starts with two spaces and a tab and ends with a space and a tab;"
            + " expects it back exactly, nothing trimmed.")
    void keepsSpacesAndTabsAroundALine(ServerUnderTest server, Payloads payloads) {
        String line = "  \t" + payloads.sentence() + " \t";
        server.connect()
                .send(line)
                .expectLine(line, "the echo of " + Visible.of(line) + ", spaces and tabs included", Hints.ECHO_EXACTLY,
                        KnownMistake.line(line.strip(), "Your server trimmed the line: the spaces and tabs around it are"
                                + " part of the text, and the echo must keep them.", Hints.TRIMMED));
    }

    @Test
    @DisplayName("non-ASCII text (UTF-8) comes back byte for byte")
    @Graded(points = 2, does = "Sends a line with accented letters, the euro sign and a check mark; expects the"
            + " same UTF-8 bytes back.")
    void echoesUtf8(ServerUnderTest server, Payloads payloads) {
        String line = payloads.accentedSentence();
        server.connect()
                .send(line)
                .expectLine(line, "the echo of " + Visible.of(line), Hints.CHARSET);
    }

    @Test
    @DisplayName("UTF-8 characters split between segments (2, 3 and 4 bytes long) arrive intact")
    @Graded(points = 2, does = "Sends a line in four writes, cut inside 'é' (after its 1st byte), inside '€' (after"
            + " its 2nd of 3) and inside an emoji (after its 3rd of 4); expects the whole line back.")
    void echoesUtf8CharacterSplitAcrossSegments(ServerUnderTest server, Payloads payloads) {
        String line = payloads.multiByteLine();
        LinePeer client = server.connect();
        client.sendCutInsideCharacters(line, () -> client.expectNothing("an echo before the line was complete",
                        Hints.FRAMING))
                .expectLine(line, "the echo of " + Visible.of(line), Hints.SPLIT_CHARACTER);
    }

    @Test
    @DisplayName("a 64 KiB line comes back intact")
    @Graded(points = 2, does = "Sends one line of 65,536 characters; expects it back whole.")
    void echoesALongLine(ServerUnderTest server, Payloads payloads) {
        String line = payloads.longText(64 * 1024);
        server.connect()
                .send(line)
                .expectLine(line, "the echo of a 65,536-byte line", "A line can be far longer than one read() or one"
                        + " buffer: read until \\n (readLine does), and do not cut lines at a fixed size.");
    }

    @Test
    @DisplayName("a line ended by \\r\\n (as telnet sends it) comes back with a bare \\n")
    @Graded(points = 2, does = "Sends a line ended by \\r\\n; expects it back without the \\r.")
    void stripsCarriageReturn(ServerUnderTest server, Payloads payloads) {
        String line = payloads.sentence();
        server.connect()
                .sendRaw(line + "\r\n")
                .expectLine(line, "the echo of " + Visible.of(line) + " with a bare \\n", Hints.CRLF);
    }

    @Test
    @DisplayName("an empty line is echoed as an empty line")
    @Graded(points = 1, does = "Sends an empty line, then a normal one; expects an empty line, then the normal one.")
    void echoesAnEmptyLine(ServerUnderTest server, Payloads payloads) {
        String after = payloads.sentence();
        server.connect()
                .send("")
                .expectLine("", "an empty line (just \\n)", "An empty line is a line too: send back \"\\n\". Do not skip"
                        + " lines because they are empty, and do not stop at them.")
                .send(after)
                .expectLine(after, "the echo of the line after the empty one", Hints.ECHO_EXACTLY);
    }

    @Test
    @DisplayName("a last line without \\n, sent just before the client stops sending, is still echoed")
    @Graded(points = 2, does = "Sends a line with no \\n and half-closes (shuts down its sending side); expects the"
            + " line back, ended by \\n.")
    void echoesAnUnterminatedLastLine(ServerUnderTest server, Payloads payloads) {
        String last = payloads.sentence();
        server.connect()
                .sendRaw(last)
                .shutdownOutput()
                .expectLine(last, "the echo of the unterminated last line " + Visible.of(last), Hints.READ_UNTIL_END);
    }

    @Test
    @DisplayName("when the client stops sending, the server finishes the echo and closes the connection")
    @Graded(points = 2, does = "Sends a line and half-closes; expects the echo, then the server to close the"
            + " connection.")
    void closesWhenTheClientIsDone(ServerUnderTest server, Payloads payloads) {
        String line = payloads.sentence();
        server.connect()
                .send(line)
                .shutdownOutput()
                .expectLine(line, "the echo of " + Visible.of(line), Hints.FLUSH)
                .expectClosed("the client has finished sending", Hints.CLOSE_WHEN_CLIENT_LEAVES);
    }

    @Test
    @DisplayName("after one client leaves, the next client is served")
    @Graded(points = 2, does = "C1 talks and closes; then C2 connects and expects its own echo.")
    void servesTheNextClient(ServerUnderTest server, Payloads payloads) {
        String first = payloads.sentence();
        String second = payloads.sentence();
        LinePeer c1 = server.connect();
        c1.send(first).expectLine(first, "the echo of its line", Hints.FLUSH);
        c1.close();
        server.connect()
                .send(second)
                .expectLine(second, "the echo of its line, after C1 left", Hints.CLOSE_WHEN_CLIENT_LEAVES);
    }

    @Test
    @DisplayName("a client that resets its connection does not stop the server: the next client is served")
    @Graded(points = 2, does = "C1 sends half a line and resets the connection (RST); C2 then expects its echo.")
    void survivesAReset(ServerUnderTest server, Payloads payloads) {
        String hello = payloads.sentence();
        String line = payloads.sentence();
        LinePeer c1 = server.connect();
        c1.send(hello).expectLine(hello, "the echo of its first line", Hints.FLUSH);
        c1.sendRaw("half a li");
        c1.reset();
        server.connect()
                .send(line)
                .expectLine(line, "the echo of its line, after C1 reset its connection", Hints.SURVIVE_CLIENT_ERRORS);
        server.expectStillRunning("a client reset its connection", Hints.SURVIVE_CLIENT_ERRORS);
    }

    @Test
    @DisplayName("a client that connects while another is being served is answered once the first one leaves")
    @Graded(points = 2, does = "C1 connects; C2 connects and sends a line; C1 talks and closes; C2 expects its echo.")
    void servesAWaitingClientLater(ServerUnderTest server, Payloads payloads) {
        LinePeer c1 = server.connect();
        LinePeer c2 = server.connect();
        String waiting = payloads.sentence();
        c2.send(waiting);
        String first = payloads.sentence();
        c1.send(first).expectLine(first, "the echo of its line", Hints.FLUSH);
        c1.close();
        c2.expectLine(waiting, "the echo of the line C2 sent while C1 was connected", Hints.CLOSE_WHEN_CLIENT_LEAVES);
    }

    @Test
    @DisplayName("replies that pile up while the client does not read all arrive, whole and in order")
    @Graded(points = 2, does = "C1 gets the echo of one line; then it reads nothing while it sends 8 MiB of numbered"
            + " 2 KiB lines (your server's replies pile up), stays away 2 s more, then reads; expects every line back, whole and in order.")
    void keepsRepliesThatPileUp(ServerUnderTest server, Payloads payloads) {
        String filler = payloads.longText(2040);
        int count = 4096;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append(String.format("%06d ", i)).append(filler).append('\n');
        }
        String first = payloads.sentence();
        LinePeer client = server.connectNotReading("C1").resumeReading()
                .send(first)
                .expectLine(first, "the echo of its first line, before it stops reading", Hints.ECHO)
                .stopReading()
                .sendWhileNotReading(all.toString().getBytes(StandardCharsets.UTF_8), "4,096 numbered lines")
                .staysAwayAWhile()
                .resumeReading();
        for (int i = 0; i < count; i++) {
            String line = String.format("%06d ", i) + filler;
            try {
                client.expectLine(line, "the echo of line " + (i + 1) + " of " + count, Hints.PARTIAL_WRITES,
                        KnownMistake.when(got -> !got.equals(line + "\r"),
                                "Your server lost replies while C1 was slow to read: the echo of line " + (i + 1)
                                        + " of " + count + " is missing, or cut.", Hints.PARTIAL_WRITES));
            } catch (GradingFailure failure) {
                // Replies that stop, or stop inside a line, after some came: the rest was lost while C1 was away.
                boolean stoppedShort = i > 0 && (failure.symptom() == Symptom.NOTHING_RECEIVED
                        || failure.symptom() == Symptom.CONNECTION_ENDED || failure.symptom() == Symptom.NO_NEWLINE);
                if (!stoppedShort) {
                    throw failure;
                }
                throw GradingFailure.because("Your server lost replies while C1 was slow to read: only " + i + " of the "
                                + count + " echoes came back" + (failure.symptom() == Symptom.NO_NEWLINE
                                ? ", and the next one stopped in the middle." : "."))
                        .expected(failure.expected()).actual(failure.actual()).hint(Hints.PARTIAL_WRITES)
                        .symptom(failure.symptom()).build();
            }
        }
    }
}
