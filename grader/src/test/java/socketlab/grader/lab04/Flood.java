package socketlab.grader.lab04;

import static socketlab.grader.lab04.Chat.left;
import static socketlab.grader.lab04.Chat.said;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import socketlab.grader.GradingFailure;
import socketlab.grader.LinePeer;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.Waits;

/**
 * A room with a member that stops reading, flooded: alice, bob and a third member join; the
 * third stops reading for good; alice sends more than every buffer on the way to it can hold,
 * in batches of 32 lines of 4,000 characters, and bob must get each batch, whole and in order,
 * within {@code batchWait}. The server may cut the third member off, announcing it as
 * {@code left!} once, anywhere in between. Lab 04 grades it as extra credit (SPEC §4), lab 05
 * as a rule with a tighter wait (SPEC §7), each with its own hints; public for lab 05.
 */
public final class Flood {
    private static final int LINE = 4000;
    private static final int BATCH = 32;

    private final Duration batchWait;
    private final String stalledHint;
    private final String whatALateBatchMeans;
    private final String wrongLineHint;

    /**
     * @param batchWait           how long bob may wait for each batch (already scaled)
     * @param stalledHint         the likely bug when alice's send or bob's batch stalls
     * @param whatALateBatchMeans the end of the headline when a batch is late, e.g. "delivery stalled"
     * @param wrongLineHint       the likely bug when bob gets a line other than the one due
     */
    public Flood(Duration batchWait, String stalledHint, String whatALateBatchMeans, String wrongLineHint) {
        this.batchWait = batchWait;
        this.stalledHint = stalledHint;
        this.whatALateBatchMeans = whatALateBatchMeans;
        this.wrongLineHint = wrongLineHint;
    }

    /** What happened, for a lab that checks more once the flood is over. */
    public record Outcome(String bob, LinePeer bobClient, String stuck, int lines, boolean cutOff) {
    }

    /** Runs the flood; fails at the first batch bob does not get in time, whole and in order. */
    public Outcome run(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        String alice = chat.nickname();
        String bob = chat.nickname();
        String stuck = chat.nickname();
        LinePeer aliceClient = chat.join(alice);
        LinePeer bobClient = chat.join(bob, aliceClient);
        chat.joinThenStopReading(stuck, aliceClient, bobClient);
        String filler = session.payloads().longText(LINE - 10);
        int lines = (int) (Chat.bytesToFillBuffers() / LINE) + 1;
        boolean[] cutOff = {false};
        for (int first = 0; first < lines; first += BATCH) {
            int end = Math.min(lines, first + BATCH);
            List<String> batch = new ArrayList<>();
            for (int i = first; i < end; i++) {
                batch.add(String.format("%08d ", i) + filler);
            }
            aliceClient.sendInBursts(batch, BATCH, stalledHint);
            expectBatch(bobClient, session, alice, stuck, filler, first, end, lines, cutOff);
        }
        return new Outcome(bob, bobClient, stuck, lines, cutOff[0]);
    }

    /**
     * Bob must get lines {@code first} to {@code end} of alice's, whole and in order, within
     * {@link #batchWait}; {@code stuck left!} may come once in between. One wait for the whole
     * batch keeps the test fast.
     */
    private void expectBatch(LinePeer bob, TestSession session, String alice, String stuck, String filler,
                             int first, int end, int lines, boolean[] cutOff) {
        int wanted = end - first;
        String why = alice + "'s lines " + (first + 1) + " to " + end + " of " + lines + ", while " + stuck
                + " does not read";
        try {
            session.waits().await(bob.name() + " to receive " + why, batchWait)
                    .until(() -> bob.pendingLines().stream().filter(line -> !line.equals(left(stuck))).count() >= wanted
                            || bob.isClosedByProgram());
        } catch (ConditionTimeoutException e) {
            long got = bob.pendingLines().stream().filter(line -> !line.equals(left(stuck))).count();
            throw GradingFailure.because(bob.name() + " got only " + got + " of " + why + " within "
                            + Waits.human(batchWait) + ": " + whatALateBatchMeans + ".")
                    .expected(wanted + " lines, the first one " + Visible.of(said(alice, String.format("%08d ", first)
                            + filler) + "\n"))
                    .actual(got + " lines").hint(stalledHint).build();
        }
        for (int i = first; i < end; i++) {
            String expected = said(alice, String.format("%08d ", i) + filler);
            String line = bob.nextLine(alice + "'s line " + (i + 1), stalledHint);
            if (!cutOff[0] && line.equals(left(stuck))) {
                cutOff[0] = true;
                line = bob.nextLine(alice + "'s line " + (i + 1), stalledHint);
            }
            if (!line.equals(expected)) {
                throw GradingFailure.because(bob.name() + " expected " + alice + "'s line " + (i + 1) + " of " + lines
                                + ", whole, but your server sent " + (line.length() < expected.length()
                                && expected.startsWith(line) ? "only the start of it" : "another line") + ".")
                        .expected(Visible.of(expected + "\n")).actual(Visible.of(line + "\n"))
                        .hint(wrongLineHint).build();
            }
        }
    }
}
