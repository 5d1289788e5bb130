package socketlab.grader.lab03;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.GraderTest;
import socketlab.grader.Graded;
import socketlab.grader.GradingFailure;
import socketlab.grader.Hints;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;

/**
 * Lab 03, the server under pressure (SPEC §4): many members talking at once, members coming
 * and going while lines flow, a member that resets in the middle of a broadcast, and (extra
 * credit) a member that stops reading. These are the situations where the shared room and
 * the sockets of other members are touched by several threads at the same moment, so they
 * catch what the quiet tests cannot: an unsafe list, unlocked writes, a broadcast that one
 * dead member breaks, a sender blocked by a slow reader.
 */
@GraderTest
@Tag("lab03")
@Tag("server")
@DisplayName("lab03 chat server, a busy room")
class BusyRoomTest {
    static final String LOST = "Lines were lost while many members talked at once. Does an exception end a member's"
            + " thread (look in your server's stderr below)? Each line must go to every other member, whatever"
            + " happens to the others.";
    static final String ROOM_CHANGES = "Lines were lost while members joined and left. " + Hints.UNSAFE_COLLECTION;
    static final String FAILED_SEND = "A failed send to one member stopped the broadcast to the others. Catch the"
            + " IOException of each send inside send() itself (or around it, inside the loop), close that member's"
            + " socket, and go on with the next member: a dead member must cost nobody but itself.";
    static final String SLOW_READER = "Your server seems to write to each member's socket on the sender's own thread:"
            + " once S stopped reading, the system's buffers for S filled up, the write to S blocked, and so did"
            + " everything F said after it. This is step 8 of the handout (extra credit): give each member an outbox"
            + " (a queue) and a writer thread of its own, so that only S's writer waits for S, and disconnect a member"
            + " once more than 1 MiB is waiting for it.";

    @Test
    @DisplayName("8 members talking at once each hear every line of the 7 others, whole, once, and in order")
    @Graded(points = 4, does = "8 members join; each says 200 lines (one in eight about 4 KiB long) in 10 bursts,"
            + " all at the same time; expects each member to hear all 1,400 lines of the 7 others, whole, once each,"
            + " in each sender's order, and none of its own.")
    void manyMembersTalkAtOnce(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        Map<LinePeer, List<String>> said = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            LinePeer member = chat.join("M" + i);
            said.put(member, ChatServerTest.numbered(member.name(), 200, session.payloads(), 8));
        }
        for (int burst = 0; burst < 10; burst++) {
            for (Map.Entry<LinePeer, List<String>> entry : said.entrySet()) {
                chat.sayAll(entry.getKey(), entry.getValue().subList(burst * 20, burst * 20 + 20));
            }
        }
        for (LinePeer listener : said.keySet()) {
            chat.hearAll(listener, othersOf(listener, said), "while 8 members talked at once", LOST);
        }
        // A last line from M1 must be the very next line of every other member: nothing extra
        // (no copy, no own line) came after the 1,400.
        LinePeer first = said.keySet().iterator().next();
        String last = session.payloads().sentence();
        chat.say(first, last);
        for (LinePeer listener : said.keySet()) {
            if (listener != first) {
                chat.hear(listener, first, last, "(the last line, after all the others)", Chat.ONCE);
            }
        }
    }

    @Test
    @DisplayName("members who stay hear everything, while others join and leave as they talk")
    @Graded(points = 3, does = "A, B and C join and each say 240 lines in bursts, while 24 other members connect"
            + " and leave one after another (half by closing, half with a reset); expects each newcomer's first line"
            + " to be the welcome, and A, B and C each to hear every line of the two others, once, in order.")
    void membersComeAndGoWhileOthersTalk(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        Map<LinePeer, List<String>> said = new LinkedHashMap<>();
        for (String name : List.of("A", "B", "C")) {
            LinePeer member = chat.join(name);
            said.put(member, ChatServerTest.numbered(name, 240, session.payloads(), 0));
        }
        LinePeer visitor = null;
        for (int round = 0; round < 24; round++) {
            for (Map.Entry<LinePeer, List<String>> entry : said.entrySet()) {
                sayWhileTheRoomChanges(chat, entry.getKey(), entry.getValue().subList(round * 10, round * 10 + 10));
            }
            LinePeer next = chat.arrive("V" + (round + 1));
            if (visitor != null) {
                leave(visitor, round);
            }
            visitor = next;
        }
        leave(visitor, 0);
        for (LinePeer listener : said.keySet()) {
            chat.hearAll(listener, othersOf(listener, said), "while other members joined and left", ROOM_CHANGES);
        }
    }

    private static void sayWhileTheRoomChanges(Chat chat, LinePeer speaker, List<String> lines) {
        try {
            if (!speaker.isClosedByProgram()) {
                chat.sayAll(speaker, lines);
                return;
            }
        } catch (GradingFailure closed) {
            // Reported below, with the likely cause.
        }
        throw GradingFailure.because("Your server closed " + speaker.name() + "'s connection while other members"
                        + " joined and left, though " + speaker.name() + " was still talking.")
                .expected(speaker.name() + " stays connected").actual("the connection was closed")
                // The sender itself was taken out: its thread ended inside a broadcast, most often on
                // the IOException of a send to a member who had just left (a ConcurrentModificationException
                // on stderr, the other cause, replaces this hint with its own).
                .hint(FAILED_SEND)
                .build();
    }

    private static void leave(LinePeer visitor, int round) {
        if (round % 2 == 0) {
            visitor.close();
        } else {
            visitor.reset();
        }
    }

    @Test
    @DisplayName("a member that resets its connection in the middle of a broadcast stops no one, and newcomers are"
            + " still welcome")
    @Graded(points = 3, does = "A, C, B and D join in that order; C says 1,500 lines and half a line, then resets its"
            + " connection while your server is still passing them on; A speaks at once; expects B and D to hear A,"
            + " A to hear B's reply, and a new member E to join and hear A.")
    void aResetHarmsNoOtherMember(ServerUnderTest server, TestSession session) {
        Payloads payloads = session.payloads();
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer c = chat.join("C");
        LinePeer b = chat.join("B");
        LinePeer d = chat.join("D");
        // C's lines keep your server busy relaying them, so C is still in the room, its
        // connection already reset, when A's line is sent to it.
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 1500; i++) {
            lines.add("C line " + i + ": " + payloads.word() + " " + payloads.word());
        }
        chat.sayAll(c, lines);
        c.sendRaw("half a li");
        c.reset();
        chat.forget(c);
        String line = payloads.sentence();
        chat.say(a, line);
        String when = "(said just after C reset its connection)";
        chat.hear(b, a, line, when, FAILED_SEND);
        chat.hear(d, a, line, when, FAILED_SEND);
        String reply = payloads.sentence();
        chat.say(b, reply);
        chat.hear(a, b, reply, "(after C reset its connection)", FAILED_SEND);
        chat.hear(d, b, reply, "(after C reset its connection)", FAILED_SEND);
        chat.join("E");
        server.expectStillRunning("a member reset its connection", FAILED_SEND);
    }

    @Test
    @DisplayName("a member that stops reading does not stall the others")
    @Graded(points = 3, extraCredit = true, does = "R and F join, then S joins with a small receive buffer and stops"
            + " reading; F says 8 MiB of 4 KiB lines; expects R to hear every one of them, in order, and then the room"
            + " to go on (your server may disconnect S).")
    void aMemberThatStopsReadingStallsNoOne(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer r = chat.join("R");
        LinePeer f = chat.join("F");
        chat.joinThenStopReading("S");
        List<String> flood = ChatServerTest.numbered("F", 2048, session.payloads(), 1);
        chat.remember(f, flood);
        f.sendInBursts(flood, 32, SLOW_READER);
        chat.hearAll(r, Map.of(Chat.speaker(f), flood), "while S, a member that stopped reading, was connected",
                SLOW_READER);
        String after = session.payloads().sentence();
        chat.say(r, after);
        chat.hear(f, r, after, "(after the flood)", SLOW_READER);
    }

    /** What {@code listener} must hear: the lines of every other member. */
    private static Map<Chat.Speaker, List<String>> othersOf(LinePeer listener, Map<LinePeer, List<String>> said) {
        Map<Chat.Speaker, List<String>> others = new LinkedHashMap<>();
        said.forEach((member, lines) -> {
            if (member != listener) {
                others.put(Chat.speaker(member), lines);
            }
        });
        return others;
    }
}
