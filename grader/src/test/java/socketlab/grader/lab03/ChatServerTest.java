package socketlab.grader.lab03;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.GraderTest;
import socketlab.grader.Graded;
import socketlab.grader.Hints;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;

/**
 * Lab 03, the server's rules (SPEC §4) with a few members at a time: the welcome comes
 * first, a line reaches every other member once as {@code [IP:PORT] line} and never its
 * sender, empty lines are dropped, newcomers get no history, a member who leaves is let go.
 * The tests prove what must <em>not</em> happen with barriers (another member speaks, and the
 * next line must be theirs), never with a long wait.
 */
@GraderTest
@Tag("lab03")
@Tag("server")
@DisplayName("lab03 chat server")
class ChatServerTest {

    @Test
    @DisplayName("each new member's first line is the welcome, even while others are talking")
    @Graded(points = 2, does = "A and B join; A says 200 lines in one burst and C connects meanwhile; expects C's"
            + " first line to be \"Welcome to this chatroom!\", and B to hear all 200 lines.")
    void welcomesEachNewMemberFirst(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        List<String> burst = numbered("A", 200, session.payloads(), 0);
        chat.sayAll(a, burst);
        chat.arrive("C");
        chat.hearAll(b, Map.of(Chat.speaker(a), burst), "while C joined", Chat.RELAY);
    }

    @Test
    @DisplayName("a line reaches every other member once, as [IP:PORT] line, and never comes back to its sender")
    @Graded(points = 4, does = "A, B and C join; A says two lines; expects B and C to hear both, each prefixed with"
            + " [127.0.0.1:PORT] where PORT is A's own port; then B speaks, and A's next line must be B's, not its own.")
    void relaysALineToEveryOtherMember(ServerUnderTest server, TestSession session) {
        Payloads payloads = session.payloads();
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        LinePeer c = chat.join("C");
        String first = payloads.sentence();
        String second = payloads.sentence();
        chat.say(a, first);
        chat.say(a, second);
        chat.hear(b, a, first);
        chat.hear(b, a, second);
        chat.hear(c, a, first);
        chat.hear(c, a, second);
        // A's second line reached B, so your server had finished sending A's first line to
        // everyone: had it sent A's own line back, that would now come before B's reply.
        String reply = payloads.sentence();
        chat.say(b, reply);
        chat.hear(a, b, reply, "(and nothing of its own before it)", Chat.NOT_TO_SENDER);
        chat.hear(c, b, reply);
    }

    @Test
    @DisplayName("empty lines are not passed on")
    @Graded(points = 1, does = "A and B join; A sends an empty line, an empty line ended by \\r\\n, then a line;"
            + " expects B's next line to be that line.")
    void ignoresEmptyLines(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        String line = session.payloads().sentence();
        chat.remember("A", line);
        a.sendRaw("\n\r\n" + line + "\n");
        chat.hear(b, a, line, "(the empty lines before it are not passed on)", "Skip empty lines and go on reading"
                + " after them: broadcast a line only if (!line.isEmpty()), and stop only when readLine() returns null.");
    }

    @Test
    @DisplayName("non-ASCII text, and a line ended by \\r\\n, reach the others intact, ended by a bare \\n")
    @Graded(points = 1, does = "A and B join; A says a line with accented letters, the euro sign and a check mark,"
            + " ended by \\r\\n; expects B to hear it byte for byte (UTF-8), without the \\r.")
    void relaysUtf8AndStripsCarriageReturn(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        String line = session.payloads().accentedSentence();
        chat.remember("A", line);
        a.sendRaw(line + "\r\n");
        chat.hear(b, a, line, "in UTF-8, without the \\r", Chat.RELAY);
    }

    @Test
    @DisplayName("a line whose UTF-8 characters are split between segments reaches the others intact")
    @Graded(points = 1, does = "A and B join; A sends a line in four writes, each cut inside a character ('é', '€' and"
            + " an emoji); expects B to hear it whole and undamaged.")
    void relaysUtf8SplitAcrossSegments(ServerUnderTest server, TestSession session) {
        Payloads payloads = session.payloads();
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        String line = payloads.multiByteLine();
        chat.remember("A", line);
        a.sendCutInsideCharacters(line, () -> b.expectNothing("a piece of A's line before the line was complete",
                Chat.RELAY));
        chat.hear(b, a, line, "(sent in four pieces, cut inside its characters)", Hints.SPLIT_CHARACTER);
    }

    @Test
    @DisplayName("spaces and tabs at the start and end of a line reach the others unchanged")
    @Graded(points = 1, does = "A, B and C join; A says a line that starts with a space and a tab and ends with a tab"
            + " and two spaces; expects B and C to hear it exactly, nothing trimmed.")
    void keepsSpacesAndTabsAroundALine(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        LinePeer c = chat.join("C");
        String line = " \t" + session.payloads().sentence() + "\t  ";
        chat.say(a, line);
        chat.hear(b, a, line, "(spaces and tabs included)", Hints.TRIMMED);
        chat.hear(c, a, line, "(spaces and tabs included)", Hints.TRIMMED);
    }

    @Test
    @DisplayName("hundreds of lines from one member reach the others in the order said")
    @Graded(points = 2, does = "A, B and C join; A says 500 lines in five bursts; expects B and C each to hear all"
            + " 500, once, in order; then B speaks, and A's next line must be B's.")
    void keepsEachSendersOrder(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        LinePeer c = chat.join("C");
        List<String> lines = numbered("A", 500, session.payloads(), 50);
        for (int burst = 0; burst < 5; burst++) {
            chat.sayAll(a, lines.subList(burst * 100, burst * 100 + 100));
        }
        String why = "while A said 500 lines";
        String hint = "Relay each member's lines on that member's own thread, in the order you read them, and flush"
                + " after each: lines must not be dropped, reordered or sent twice.";
        chat.hearAll(b, Map.of(Chat.speaker(a), lines), why, hint);
        chat.hearAll(c, Map.of(Chat.speaker(a), lines), why, hint);
        String reply = session.payloads().sentence();
        chat.say(b, reply);
        chat.hear(a, b, reply, "(and none of its own 500 lines before it)", Chat.NOT_TO_SENDER);
    }

    @Test
    @DisplayName("a line sent just before its sender closes the connection still reaches the others")
    @Graded(points = 2, does = "A, B and C join; C says a line and closes its connection at once; expects A and B"
            + " to hear that line.")
    void relaysTheLastLineOfAMemberWhoLeaves(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        LinePeer c = chat.join("C");
        String last = session.payloads().sentence();
        chat.say(c, last);
        c.close();
        String hint = "Pass on every line you read before you take the member out of the room: the last line and the"
                + " end of the stream can arrive together, and readLine() returns the line before it returns null.";
        chat.hear(a, c, last, "(C's last words: it closed its connection right after)", hint);
        chat.hear(b, c, last, "(C's last words: it closed its connection right after)", hint);
    }

    @Test
    @DisplayName("a member who joins later gets no history, but everything said after it joined")
    @Graded(points = 2, does = "A and B join; A says two lines; D joins; A says a third line; expects D's first line"
            + " after the welcome to be that third line.")
    void givesNoHistoryToANewcomer(ServerUnderTest server, TestSession session) {
        Payloads payloads = session.payloads();
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        List<String> before = List.of(payloads.sentence(), payloads.sentence());
        for (String line : before) {
            chat.say(a, line);
            chat.hear(b, a, line);
        }
        LinePeer d = chat.join("D");
        String after = payloads.sentence();
        chat.say(a, after);
        chat.hearNoHistory(d, a, after, before, "A newcomer hears what is said once it is in the room, and nothing"
                + " said before: add each member to the room when it connects, and keep no log of past lines.");
        chat.hear(b, a, after);
    }

    @Test
    @DisplayName("a member who leaves is let go: the server closes its connection, and the others go on")
    @Graded(points = 2, does = "A, B and C join; C shuts down its sending side (it will say nothing more); expects"
            + " the server to close C's connection, then a line from A to reach B.")
    void closesTheConnectionOfAMemberWhoLeaves(ServerUnderTest server, TestSession session) {
        Chat chat = new Chat(server, session);
        LinePeer a = chat.join("A");
        LinePeer b = chat.join("B");
        LinePeer c = chat.join("C");
        c.shutdownOutput();
        c.expectClosed("C has left: it will send nothing more", "When readLine() returns null the member has left:"
                + " take it out of the room and close its socket, in a finally block, so that this happens however"
                + " it leaves (a member that stays in the room is sent every line for ever).");
        chat.forget(c);
        String line = session.payloads().sentence();
        chat.say(a, line);
        chat.hear(b, a, line, "after C left", Chat.RELAY);
    }

    /**
     * {@code count} random lines, numbered so a student can find them in the transcript; one
     * in {@code longEvery} is about 4 KiB long (SPEC §1: lines of 4,096 bytes pass intact).
     */
    static List<String> numbered(String speaker, int count, Payloads payloads, int longEvery) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String label = speaker + " line " + i + ": ";
            boolean isLong = longEvery > 0 && i % longEvery == 0;
            lines.add(label + (isLong ? payloads.longText(4000 - label.length() + payloads.nextInt(96))
                    : payloads.sentence()));
        }
        return lines;
    }
}
