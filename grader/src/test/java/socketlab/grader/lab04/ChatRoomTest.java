package socketlab.grader.lab04;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.Graded;
import socketlab.grader.GraderTest;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;

/**
 * Lab 04, the server's chat room once clients have joined (SPEC §5): the tests of
 * {@link ChatRoomBehaviour}, and (extra credit, SPEC §4) that a client which stops reading
 * cannot freeze the room: the {@link Flood}, with lab 04's generous wait.
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
        new Flood(session.waits().event(), ChatHints.OUTBOX, "delivery stalled",
                "Relay every line whole and in order, to each member through its own outbox.").run(server, session);
    }
}
