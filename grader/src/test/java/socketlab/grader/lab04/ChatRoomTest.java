package socketlab.grader.lab04;

import static socketlab.grader.lab04.Chat.joined;
import static socketlab.grader.lab04.Chat.left;
import static socketlab.grader.lab04.Chat.said;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.Graded;
import socketlab.grader.GraderTest;
import socketlab.grader.GradingFailure;
import socketlab.grader.LinePeer;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.Symptom;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.Waits;

/**
 * Lab 04, the server's chat room once clients have joined (SPEC §5): the tests of
 * {@link ChatRoomBehaviour}, and (extra credit, SPEC §4) that a client which stops reading
 * cannot freeze the room.
 */
@GraderTest
@Tag("lab04")
@Tag("server")
@DisplayName("lab04 server: the chat room")
class ChatRoomTest extends ChatRoomBehaviour {

    @Test
    @DisplayName("extra credit: a client that stops reading does not stall delivery to the others")
    @Graded(points = 3, extraCredit = true, does = "alice, bob and a third client join; the third stops reading; alice"
            + " sends several MiB in 4,000-character lines; bob expects every line, each within seconds (the server may"
            + " cut the third client off, announcing it as left!).")
    void aClientThatStopsReadingDoesNotStallTheOthers(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String stuck = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        chat.joinThenStopReading(stuck, aliceClient, bobClient);
        String filler = session.payloads().longText(3990);
        int lines = (int) (Chat.bytesToFillBuffers() / 4000) + 1;
        int batch = 32;
        boolean[] cutOff = {false};
        for (int first = 0; first < lines; first += batch) {
            int end = Math.min(lines, first + batch);
            StringBuilder text = new StringBuilder();
            for (int i = first; i < end; i++) {
                text.append(String.format("%08d ", i)).append(filler).append('\n');
            }
            try {
                aliceClient.sendRaw(text.toString());
            } catch (GradingFailure failure) {
                throw failure.symptom() == Symptom.SEND_STALLED ? failure.withHint(ChatHints.OUTBOX) : failure;
            }
            expectBatch(bobClient, session, alice, stuck, filler, first, end, lines, cutOff);
        }
    }

    /**
     * Bob must get lines {@code first} to {@code end} of alice's, in order and whole, within
     * the usual wait; a {@code left!} of the stalled client may come once in between, if the
     * server cut it off. One wait for the whole batch keeps the test fast.
     */
    private static void expectBatch(LinePeer bob, TestSession session, String alice, String stuck, String filler,
                                    int first, int end, int lines, boolean[] cutOff) {
        int wanted = end - first;
        String why = alice + "'s lines " + (first + 1) + " to " + end + " of " + lines + ", while " + stuck
                + " does not read";
        try {
            session.waits().await(bob.name() + " to receive " + why, session.waits().event())
                    .until(() -> bob.pendingLines().stream().filter(line -> !line.equals(left(stuck))).count() >= wanted
                            || bob.isClosedByProgram());
        } catch (ConditionTimeoutException e) {
            long got = bob.pendingLines().stream().filter(line -> !line.equals(left(stuck))).count();
            throw GradingFailure.because(bob.name() + " expected " + why + ", but got only " + got + " of these " + wanted
                            + " lines in " + Waits.human(session.waits().event()) + ": delivery to " + bob.name() + " stalled.")
                    .expected(wanted + " lines, the first one " + Visible.of(said(alice, String.format("%08d ", first)
                            + filler) + "\n"))
                    .actual(got + " lines").hint(ChatHints.OUTBOX).build();
        }
        for (int i = first; i < end; i++) {
            String expected = said(alice, String.format("%08d ", i) + filler);
            String line = bob.nextLine(alice + "'s line " + (i + 1), ChatHints.OUTBOX);
            if (!cutOff[0] && line.equals(left(stuck))) {
                cutOff[0] = true;
                line = bob.nextLine(alice + "'s line " + (i + 1), ChatHints.OUTBOX);
            }
            if (!line.equals(expected)) {
                throw GradingFailure.because(bob.name() + " expected " + alice + "'s line " + (i + 1) + " of " + lines + ", but your server"
                                + " sent another line.")
                        .expected(Visible.of(expected + "\n")).actual(Visible.of(line + "\n"))
                        .hint("Relay every line whole and in order, to each member through its own outbox.").build();
            }
        }
    }
}
