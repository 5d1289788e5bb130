package socketlab.grader.lab04;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import socketlab.grader.GradingFailure;
import socketlab.grader.KnownMistake;
import socketlab.grader.LinePeer;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.Symptom;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.Waits;

/**
 * The moves of lab 04's protocol, for one server test: join with a nickname, be refused,
 * expect a line while recognising the classic wrong ones. It keeps the tests reading like
 * the exchange itself ("alice joins; bob joins and alice hears it; ...") and gives every
 * failure of the handshake the same precise words. Public for lab 05, which keeps this protocol.
 */
public final class Chat {
    public static final String NICK = "NICK";
    public static final String CONNECTED = "Connected to server!";
    public static final String DISCONNECT = "!DISCONNECT";

    private final ServerUnderTest server;
    private final TestSession session;
    private final Nicknames nicknames;
    private final List<String> joinedSoFar = new CopyOnWriteArrayList<>();
    /** Clients that received NICK (see {@link #isChoosing}). */
    private final Set<LinePeer> handshaking = ConcurrentHashMap.newKeySet();

    public Chat(ServerUnderTest server, TestSession session) {
        this.server = server;
        this.session = session;
        this.nicknames = new Nicknames(session.payloads());
    }

    /** A fresh random nickname, unlike every other one of this test. */
    public String nickname() {
        return nicknames.next();
    }

    Nicknames nicknames() {
        return nicknames;
    }

    public static String joined(String nick) {
        return nick + " joined!";
    }

    public static String left(String nick) {
        return nick + " left!";
    }

    public static String said(String nick, String line) {
        return nick + ": " + line;
    }

    /** Connects (named {@code name} in the transcript) and expects NICK, the start of the handshake. */
    public LinePeer connect(String name) {
        LinePeer peer = server.connect(name);
        try {
            peer.expectLine(NICK, "NICK, the first line of the handshake", ChatHints.NICK_FIRST,
                    chatBeforeJoining(peer, "before NICK"));
        } catch (GradingFailure failure) {
            throw failure.symptom() == Symptom.NOTHING_RECEIVED ? whileOthersChoose(peer, failure) : failure;
        }
        handshaking.add(peer);
        return peer;
    }

    /** Whether {@code peer} is still connected, with NICK the last line it got: it has not been let in. */
    private static boolean isChoosing(LinePeer peer) {
        List<String> received = peer.received();
        return peer.isOpenBothWays() && !received.isEmpty() && received.get(received.size() - 1).equals(NICK)
                && peer.pendingLines().isEmpty();
    }

    /**
     * No NICK for a newcomer while other clients are still choosing their nicknames: the server
     * runs the handshake in its accept loop, so it accepts no one until they answer.
     */
    private GradingFailure whileOthersChoose(LinePeer newcomer, GradingFailure failure) {
        List<String> others = handshaking.stream().filter(Chat::isChoosing).map(LinePeer::name).toList();
        if (others.isEmpty()) {
            return failure;
        }
        return GradingFailure.because(newcomer.name() + " got no NICK while " + String.join(" and ", others)
                        + (others.size() == 1 ? " was" : " were") + " still choosing a nickname: your server waits for"
                        + " that answer before it serves anyone else.")
                .expected(failure.expected()).actual(failure.actual()).hint(ChatHints.ACCEPT_LOOP)
                .symptom(Symptom.NOTHING_RECEIVED).build();
    }

    /** Whether {@code line} is chat traffic: a line of a member who joined, or its {@code joined!} or {@code left!}. */
    boolean isChatTraffic(String line) {
        return joinedSoFar.stream().anyMatch(member -> line.startsWith(member + ": ") || line.equals(joined(member))
                || line.equals(left(member)));
    }

    /**
     * A line of the chat (a member's line, a {@code joined!} or a {@code left!}) that reaches a
     * client still in the handshake: the server counts it in the room before it has joined.
     */
    private KnownMistake chatBeforeJoining(LinePeer peer, String when) {
        return KnownMistake.when(this::isChatTraffic,
                peer.name() + " received a line of the chat " + when + ", while it was still choosing its nickname: a"
                        + " client in the handshake is not in the chat yet.", ChatHints.HANDSHAKE_OUT_OF_CHAT);
    }

    /**
     * A new client joins as {@code nick}: NICK, the nickname, Connected to server!; then every
     * client in {@code alreadyIn} hears {@code <nick> joined!}.
     */
    public LinePeer join(String nick, LinePeer... alreadyIn) {
        LinePeer peer = connect(nick);
        answerNick(peer, nick);
        announced(nick, alreadyIn);
        return peer;
    }

    private static void announced(String nick, LinePeer... alreadyIn) {
        for (LinePeer other : alreadyIn) {
            other.expectLine(joined(nick), Visible.of(joined(nick)) + " when " + nick + " joined", ChatHints.JOINED);
        }
    }

    /** A client that has received NICK answers with a valid, free nickname and expects to be let in. */
    public void answerNick(LinePeer peer, String nick) {
        peer.send(nick);
        expectConnected(peer, nick);
    }

    /** Expects Connected to server!, the answer to the valid and free nickname {@code nick}. */
    public void expectConnected(LinePeer peer, String nick) {
        expectLine(peer, CONNECTED, "Connected to server! for the valid, free nickname " + Visible.of(nick),
                ChatHints.ACCEPT,
                KnownMistake.when(line -> line.startsWith("ERROR"), "Your server refused the nickname " + Visible.of(nick)
                        + ", which is valid (1 to 16 of A-Z a-z 0-9 _ -) and not in use.", ChatHints.ACCEPT),
                chatBeforeJoining(peer, "before Connected to server!"));
        mayHearLateAnnouncements(peer);
        joinedSoFar.add(nick);
    }

    /**
     * SPEC §5 sends {@code <nick> joined!} to every client that has joined at the moment it is
     * sent: a server that announces alice a moment after letting her in may rightly tell a
     * newcomer who joined meanwhile, after its own Connected to server!. So each earlier
     * member's announcement may reach a newcomer once, ahead of what the newcomer expects next
     * (a name freed and taken again later is announced to it as usual).
     */
    private void mayHearLateAnnouncements(LinePeer newcomer) {
        for (String member : joinedSoFar) {
            newcomer.tolerateOnce(joined(member));
        }
    }

    /**
     * The client just sent {@code nick}, which must be refused: one {@code ERROR <reason>}
     * line, then NICK again.
     *
     * @param because      why the name must be refused, e.g. "17 characters long"
     * @param hintIfLetIn  the likely bug if the server let the client in
     */
    void expectRefused(LinePeer peer, String nick, String because, String hintIfLetIn, String hint, KnownMistake... mistakes) {
        String why = "ERROR and a reason, refusing " + Visible.of(nick) + " (" + because + ")";
        String line = peer.nextLine(why, hint, mistakes);
        if (line.equals(CONNECTED)) {
            throw GradingFailure.because("Your server let " + peer.name() + " in with the nickname " + Visible.of(nick)
                            + ", which must be refused: " + because + ".")
                    .expected("a line \"ERROR <reason>\", then \"NICK\"").actual(Visible.of(line + "\n"))
                    .hint(hintIfLetIn).build();
        }
        if (!line.startsWith("ERROR ") || line.substring(6).isBlank()) {
            throw GradingFailure.because(peer.name() + " sent the nickname " + Visible.of(nick) + " (" + because
                            + ") and expected one line \"ERROR <reason>\", but your server sent something else.")
                    .expected("\"ERROR \" followed by a reason, e.g. \"ERROR nickname already taken: " + nick + "\\n\"")
                    .actual(Visible.of(line + "\n")).hint(ChatHints.ERROR_THEN_NICK).build();
        }
        peer.expectLine(NICK, "NICK again, right after the ERROR line", ChatHints.ERROR_THEN_NICK);
    }

    /**
     * A client at the NICK stage takes a nickname whose owner has just left. The server may
     * free the name a moment after it announced the leaving, so a refusal is retried, for a
     * bounded, generous time; a name that stays taken fails.
     */
    void claimFreedName(LinePeer peer, String nick, String howTheOwnerLeft) {
        long deadline = System.nanoTime() + session.waits().event().toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            peer.send(nick);
            String line = peer.nextLine("an answer to the nickname " + Visible.of(nick) + ", free since its owner "
                    + howTheOwnerLeft, ChatHints.FREE_NAME);
            if (line.equals(CONNECTED)) {
                return;
            }
            if (!line.startsWith("ERROR") || System.nanoTime() > deadline) {
                throw GradingFailure.because("Your server did not give " + peer.name() + " the nickname " + Visible.of(nick)
                                + " after its owner " + howTheOwnerLeft + (attempts > 1 ? " (asked " + attempts
                                + " times, for " + Waits.human(session.waits().event()) + ")" : "") + ".")
                        .expected(Visible.of(CONNECTED + "\n")).actual(Visible.of(line + "\n"))
                        .hint(ChatHints.FREE_NAME).build();
            }
            peer.expectLine(NICK, "NICK again, right after the ERROR line", ChatHints.ERROR_THEN_NICK);
            // Paces the next attempt; a server idle after NICK sends nothing meanwhile.
            peer.expectNothingFor(session.waits().scaled(Duration.ofMillis(50)), "a line after NICK, before the"
                    + " nickname was sent", ChatHints.ERROR_THEN_NICK);
        }
    }

    /**
     * Expects {@code expected} as the next line. If a line that one of {@code mistakes}
     * recognises comes instead (a second {@code left!}, a relayed {@code !DISCONNECT}...), the
     * failure names that bug instead of only showing the difference.
     */
    void expectLine(LinePeer peer, String expected, String why, String hint, KnownMistake... mistakes) {
        peer.expectLine(expected, why, hint, mistakes);
    }

    /**
     * A client that joins as {@code nick} (every client in {@code alreadyIn} hears it), then
     * stops reading for good, as a frozen program or a user who pressed Ctrl-S would: what the
     * room says piles up for it.
     */
    LinePeer joinThenStopReading(String nick, LinePeer... alreadyIn) {
        LinePeer peer = server.connectNotReading(nick).resumeReading()
                .expectLine(NICK, "NICK, the first line of the handshake", ChatHints.NICK_FIRST);
        answerNick(peer, nick);
        announced(nick, alreadyIn);
        return peer.stopReading();
    }

    /**
     * Enough to fill every buffer between the server and the client that does not read: more
     * than the most the kernel lets one socket buffer for sending (tcp_wmem's maximum, 4 MiB
     * by default on Linux), plus a margin. A server that writes in the broadcaster's thread
     * is then certain to block.
     */
    static long bytesToFillBuffers() {
        long sendBufferMax = 4L << 20;
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            sendBufferMax = Long.parseLong(wmem[2]);
        } catch (IOException | RuntimeException notLinux) {
            // Keep the default: other systems buffer less.
        }
        return Math.min(64L << 20, sendBufferMax + (2L << 20));
    }
}
