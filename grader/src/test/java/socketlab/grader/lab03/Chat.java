package socketlab.grader.lab03;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import socketlab.grader.Diagnosis;
import socketlab.grader.GradingFailure;
import socketlab.grader.Hints;
import socketlab.grader.KnownMistake;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;
import socketlab.grader.Waits;

/**
 * The grader's side of a chat room under test (SPEC §4), so that lab 03's tests read like
 * the protocol: members join, say lines, and hear what the others said, as
 * {@code [127.0.0.1:PORT] line}. It remembers who said what, so that a wrong line is
 * explained in the student's terms: their own line came back, the port is missing from the
 * prefix, two lines were merged, a line came twice or never.
 *
 * <p>It also owns the one subtle point of every lab 03 test: <em>when is a member in the
 * room?</em> A correct server may send the welcome a moment before it adds the member to its
 * room, so a line said right after the welcome may legitimately miss the newcomer. A member
 * therefore counts as in the room only once its own first line has reached the others
 * ({@link #join}): a server relays a member's lines only after it has let it in.
 */
final class Chat {
    static final String WELCOME = "Welcome to this chatroom!";
    static final String HOST = ServerUnderTest.HOST;

    static final String WELCOME_FIRST = "Send \"" + WELCOME + "\" to each new member as its very first line, before"
            + " you add it to the room: then no chat line can reach it before the welcome.";
    static final String RELAY = "Read each member's lines with readLine() on that member's own thread, and pass every"
            + " non-empty one to every other member as \"[\" + ip + \":\" + port + \"] \" + line, flushing after each.";
    static final String NOT_TO_SENDER = "Your broadcast sends a line to its own sender too. Skip the member the line"
            + " came from: if (member != from) member.send(message).";
    static final String PORT_IN_PREFIX = "The prefix is the sender's IP and port as your server sees them:"
            + " socket.getInetAddress().getHostAddress() + \":\" + socket.getPort(). Members on one machine share"
            + " an IP; only the port tells them apart.";
    static final String SENDER_PORT = "That number is your server's own port (getLocalPort()). The prefix needs the"
            + " port of the sender's end of the connection: socket.getPort().";
    static final String OWN_ADDRESS = "The prefix names another member, not the one who said the line. Compute each"
            + " member's address from its own socket when it connects, and keep it in that member's object, not in a"
            + " field that every thread shares.";
    static final String PREFIX_FORMAT = "Build the prefix exactly: \"[\" + ip + \":\" + port + \"] \" + line, with"
            + " square brackets, one colon, one space, and the line unchanged after it.";
    static final String WHOLE_LINES = "Two threads wrote to one member's socket at the same time, and their bytes"
            + " mixed: a line was cut, or two were merged. Write each line whole while holding that member's lock"
            + " (a synchronized send that writes the line and its \\n, then flushes), or give each member a single"
            + " writer thread that alone writes to its socket.";
    static final String ONCE = "Each line must reach each member exactly once. Is a member added to the room twice, or"
            + " is a line sent twice (for example again after a failed send)?";

    static final String SKIP_EMPTY = "Ignore empty lines: broadcast a line only if (!line.isEmpty()). A telnet user's"
            + " empty line is \"\\r\\n\"; once readLine() has dropped the \\r, it is empty too.";

    private static final Pattern RELAYED = Pattern.compile("\\[([^\\]]*)\\] (.*)", Pattern.DOTALL);

    /** Who said a line, and from which port the server sees it. */
    record Speaker(String name, int port) {
        String relayed(String line) {
            return "[" + HOST + ":" + port + "] " + line;
        }
    }

    private final ServerUnderTest server;
    private final Waits waits;
    private final Payloads payloads;
    private final List<LinePeer> members = new ArrayList<>();
    private final Map<Integer, String> nameOfPort = new HashMap<>();
    private final Map<String, String> speakerOfLine = new HashMap<>();
    private final Set<Integer> forgotten = new HashSet<>();
    /** For each member, the lines said before it arrived: one of them may still be in flight and reach it. */
    private final Map<String, Set<String>> saidBeforeArrival = new HashMap<>();

    Chat(ServerUnderTest server, TestSession session) {
        this.server = server;
        this.waits = session.waits();
        this.payloads = session.payloads();
    }

    static Speaker speaker(LinePeer peer) {
        return new Speaker(peer.name(), peer.localPort());
    }

    /**
     * Connects and expects the welcome as the very first line. The newcomer may not be in the
     * room yet: see {@link #join}.
     */
    LinePeer arrive(String name) {
        LinePeer peer = server.connect(name);
        arrived(peer);
        expectWelcome(peer);
        return peer;
    }

    /**
     * Connects a member and makes sure it is in the room: after the welcome it says hello, and
     * every member already in the room hears it. (The very first member has nobody to say hello
     * to; it is in the room long before the second one's hello is relayed.)
     */
    LinePeer join(String name) {
        LinePeer peer = arrive(name);
        if (!members.isEmpty()) {
            String hello = "hi, " + name + " here: " + payloads.sentence();
            say(peer, hello);
            for (LinePeer member : members) {
                hear(member, peer, hello);
            }
        }
        members.add(peer);
        return peer;
    }

    /**
     * A member that joins (it gets the welcome, and the others hear its hello), then stops
     * reading for good, as a frozen program would: what the room says piles up for it.
     */
    LinePeer joinThenStopReading(String name) {
        LinePeer peer = server.connectNotReading(name).resumeReading();
        arrived(peer);
        expectWelcome(peer);
        String hello = "hi, " + name + " here: " + payloads.sentence();
        say(peer, hello);
        for (LinePeer member : members) {
            hear(member, peer, hello);
        }
        return peer.stopReading();
    }

    /** The members that joined through {@link #join} and have not been forgotten. */
    List<LinePeer> members() {
        return List.copyOf(members);
    }

    private void arrived(LinePeer peer) {
        nameOfPort.put(peer.localPort(), peer.name());
        saidBeforeArrival.put(peer.name(), Set.copyOf(speakerOfLine.keySet()));
    }

    /**
     * Whether {@code got} is a line said before {@code listener} arrived. A server that was
     * still relaying it when the newcomer joined may pass it on to the newcomer too: the line
     * reached the server before, but the server took it up after the newcomer was in. That is
     * not history, and only {@link #hearNoHistory} looks at what came before.
     */
    private boolean inFlightAtArrival(LinePeer listener, String got) {
        return saidBeforeArrival.getOrDefault(listener.name(), Set.of()).contains(textOf(got));
    }

    void expectWelcome(LinePeer peer) {
        String first = peer.nextLine("the welcome line " + Visible.of(WELCOME) + " as soon as it connected", WELCOME_FIRST);
        if (first.equals(WELCOME + "\r")) {
            throw GradingFailure.because(peer.name() + "'s welcome line ended with \\r\\n.")
                    .expected(Visible.of(WELCOME + "\n")).actual(Visible.of(first + "\n")).hint(Hints.CRLF).build();
        }
        if (!first.equals(WELCOME)) {
            String headline = RELAYED.matcher(first).matches()
                    ? peer.name() + "'s first line was a chat line, not the welcome: every new member must get the"
                    + " welcome first."
                    : peer.name() + "'s first line was not the welcome.";
            throw GradingFailure.because(headline).expected(Visible.of(WELCOME + "\n"))
                    .actual(Visible.of(first + "\n")).hint(WELCOME_FIRST).build();
        }
    }

    /** Remembers that {@code speaker} says {@code line}, and sends it. */
    void say(LinePeer speaker, String line) {
        remember(speaker.name(), line);
        speaker.send(line);
    }

    /** Says several lines in one write (one TCP segment where it fits): the server reads them in a burst. */
    void sayAll(LinePeer speaker, List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            remember(speaker.name(), line);
            text.append(line).append('\n');
        }
        speaker.sendRaw(text.toString());
    }

    void remember(String speakerName, String line) {
        speakerOfLine.put(line, speakerName);
    }

    /** Remembers lines that another thread will send for {@code speaker}. */
    void remember(LinePeer speaker, List<String> lines) {
        lines.forEach(line -> remember(speaker.name(), line));
    }

    /**
     * From now on, lines relayed from {@code gone} are skipped wherever they arrive: it left
     * (or reset) with lines in flight, and whether those still arrive is not what is checked.
     */
    void forget(LinePeer gone) {
        forgotten.add(gone.localPort());
        members.remove(gone);
    }

    /** Expects the next line {@code listener} receives to be {@code line}, said by {@code speaker}. */
    void hear(LinePeer listener, LinePeer speaker, String line) {
        hear(listener, speaker(speaker), line, "", RELAY);
    }

    /**
     * The same, with what was going on ({@code when}, e.g. "just after C reset its
     * connection") and the likely bug if the line never comes.
     */
    void hear(LinePeer listener, LinePeer speaker, String line, String when, String hint) {
        hear(listener, speaker(speaker), line, when, hint);
    }

    void hear(LinePeer listener, Speaker speaker, String line, String when, String hint) {
        String got = next(listener, speaker, line, when, hint, true);
        if (!got.equals(speaker.relayed(line))) {
            throw wrongLine(listener, speaker, line, got, hint);
        }
    }

    /**
     * Expects {@code listener}'s next line to be {@code line}, and not one of {@code history}:
     * lines said before it joined, which it must never get.
     */
    void hearNoHistory(LinePeer listener, LinePeer speaker, String line, List<String> history, String hint) {
        String got = next(listener, speaker(speaker), line, "", hint, false);
        if (history.contains(textOf(got)) || history.contains(got)) {
            throw GradingFailure.because(listener.name() + " received a line that was said before it joined: a newcomer"
                            + " gets no history, only what is said after it joined.")
                    .expected(Visible.of(speaker(speaker).relayed(line) + "\n") + ", said after it joined")
                    .actual(Visible.of(got + "\n")).hint(hint).build();
        }
        if (!got.equals(speaker(speaker).relayed(line))) {
            throw wrongLine(listener, speaker(speaker), line, got, hint);
        }
    }

    private String next(LinePeer listener, Speaker speaker, String line, String when, String hint,
                        boolean skipLinesInFlight) {
        String why = speaker.name() + "'s line " + Visible.of(line) + (when.isEmpty() ? "" : " " + when) + ", as "
                + Visible.of(speaker.relayed(line));
        String got;
        do {
            got = listener.nextLine(why, hint);
        } while (isForgotten(got) || skipLinesInFlight && !got.equals(speaker.relayed(line))
                && inFlightAtArrival(listener, got));
        return got;
    }

    private boolean isForgotten(String line) {
        return portOf(line).map(forgotten::contains).orElse(false);
    }

    /** The port of a well-formed relayed line {@code [127.0.0.1:PORT] ...}, if it is one. */
    private static Optional<Integer> portOf(String line) {
        Matcher m = RELAYED.matcher(line);
        if (!m.matches() || !m.group(1).startsWith(HOST + ":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(m.group(1).substring(HOST.length() + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Explains why {@code got} arrived at {@code listener} where {@code speaker}'s {@code line}
     * was due: the mistakes of a chat room that the evidence can name, most specific first.
     * The engine adds what any lab shares (a {@code \\r\\n} ending, charset damage, another
     * member's line).
     */
    private GradingFailure wrongLine(LinePeer listener, Speaker speaker, String line, String got, String hint) {
        String who = listener.name();
        String from = speaker.name();
        String want = speaker.relayed(line);
        List<String> before = listener.received().subList(0, Math.max(0, listener.received().size() - 1));
        Optional<Integer> port = portOf(got);
        String prefix = prefixOf(got).orElse(null);
        String text = textOf(got);
        boolean sameText = text.equals(line);
        return listener.mismatch(want, got, from + "'s line", hint,
                KnownMistake.line(WELCOME, who + " received the welcome line again, where " + from + "'s line was due.",
                        "Send the welcome once, to the newcomer only, when it connects."),
                KnownMistake.when(g -> who.equals(speakerOfLine.get(text)) || who.equals(speakerOfLine.get(g))
                                || port.equals(Optional.of(listener.localPort())),
                        who + " received its own line back: a member must never get what it said itself.", NOT_TO_SENDER),
                KnownMistake.line(want + "\r", who + " received " + from + "'s line with a \\r before its \\n.",
                        Hints.CRLF),
                KnownMistake.when(g -> prefix != null && (text.isEmpty() || text.equals("\r")), who + " received an"
                        + " empty line from " + nameOfPort.getOrDefault(port.orElse(-1), "a member") + ": empty lines are"
                        + " ignored, never passed on.", SKIP_EMPTY),
                KnownMistake.when(g -> Diagnosis.looksLikeCharsetDamage(want, g), who + " received " + from + "'s line"
                        + " with its non-ASCII characters damaged.", Diagnosis.damageHint(want, got)),
                KnownMistake.when(g -> !line.equals(line.strip()) && (text.equals(line.strip()) || g.equals(line.strip())),
                        who + " received " + from + "'s line with the spaces and tabs around it removed.", Hints.TRIMMED),
                KnownMistake.line(line, who + " received " + from + "'s line without the sender's address in front.",
                        PORT_IN_PREFIX),
                KnownMistake.when(g -> sameText && HOST.equals(prefix), who + " received " + from + "'s line prefixed"
                        + " with the IP address only, without the port: the prefix is [IP:PORT].", PORT_IN_PREFIX),
                KnownMistake.when(g -> sameText && port.equals(Optional.of(server.port())), who + " received " + from
                        + "'s line prefixed with the server's own port (" + server.port() + "), not with the port of "
                        + from + "'s connection (" + speaker.port() + ").", SENDER_PORT),
                KnownMistake.when(g -> sameText && port.map(nameOfPort::containsKey).orElse(false), who + " received "
                        + from + "'s line prefixed with the address of " + nameOfPort.get(port.orElse(-1))
                        + ", who did not say it.", OWN_ADDRESS),
                KnownMistake.when(g -> sameText || g.endsWith(line), who + " received " + from + "'s line with a prefix"
                        + " that is not \"[" + HOST + ":" + speaker.port() + "] \".", PREFIX_FORMAT),
                KnownMistake.when(before::contains, who + " received the same line a second time, where " + from
                        + "'s next line was due.", ONCE),
                KnownMistake.when(g -> damage(g, List.of(want)).isPresent(), who + " received a damaged line ("
                        + damage(got, List.of(want)).orElse("") + ") where " + from + "'s line was due.", WHOLE_LINES),
                KnownMistake.when(g -> speakerOfLine.containsKey(text), who + " received "
                        + speakerOfLine.get(text) + "'s line where " + from + "'s line was due.", hint));
    }

    private static Optional<String> prefixOf(String line) {
        Matcher m = RELAYED.matcher(line);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Names the damage when a line is a piece of an expected one, or several glued together:
     * what two writers on one socket without a lock produce.
     */
    static Optional<String> damage(String got, List<String> expected) {
        if (got.isEmpty()) {
            return Optional.of("an empty line, left when the \\n of one line was written apart from its text");
        }
        int prefixes = got.split("\\[" + Pattern.quote(HOST) + ":", -1).length - 1;
        if (prefixes >= 2) {
            return Optional.of("two lines merged into one");
        }
        for (String want : expected) {
            if (want.startsWith(got) || want.endsWith(got)) {
                return Optional.of("a line cut short: only a piece of it");
            }
            if (got.startsWith(want) || got.endsWith(want)) {
                return Optional.of("a line with a piece of another one glued to it");
            }
        }
        return Optional.empty();
    }

    /**
     * The busy-room check: waits until {@code listener} has heard every line of every speaker in
     * {@code expected}, then checks that each speaker's lines arrived whole, exactly once and in
     * the order said. Lines of other speakers must not come at all; lines of forgotten members
     * are skipped. Waits as long as lines keep coming, and gives up after a scaled
     * {@link Waits#event()} with no new line.
     *
     * @param situation what was going on, for the headline: "while 8 members talked at once"
     * @param lostHint  the likely bug when lines never arrive
     */
    void hearAll(LinePeer listener, Map<Speaker, List<String>> expected, String situation, String lostHint) {
        int total = expected.values().stream().mapToInt(List::size).sum();
        List<String> got = collect(listener, total);
        Map<Integer, Speaker> byPort = new HashMap<>();
        Map<Speaker, Map<String, Integer>> positions = new LinkedHashMap<>();
        Map<Speaker, Integer> next = new HashMap<>();
        List<String> wanted = new ArrayList<>();
        for (Map.Entry<Speaker, List<String>> entry : expected.entrySet()) {
            Speaker speaker = entry.getKey();
            byPort.put(speaker.port(), speaker);
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                position.putIfAbsent(entry.getValue().get(i), i);
                wanted.add(speaker.relayed(entry.getValue().get(i)));
            }
            positions.put(speaker, position);
            next.put(speaker, 0);
        }
        String who = listener.name();
        for (String line : got) {
            Optional<Integer> port = portOf(line);
            if (port.isPresent() && forgotten.contains(port.get()) || inFlightAtArrival(listener, line)) {
                continue;
            }
            if (port.isPresent() && port.get() == listener.localPort()) {
                throw GradingFailure.because(who + " received its own line back " + situation + ": a member must never"
                        + " get what it said itself.").expected("only the other members' lines")
                        .actual(Visible.of(line + "\n")).hint(NOT_TO_SENDER).build();
            }
            Speaker speaker = port.map(byPort::get).orElse(null);
            Integer at = speaker == null ? null : positions.get(speaker).get(textOf(line));
            if (at == null) {
                throw unexpected(listener, line, situation, damage(line, wanted));
            }
            int due = next.get(speaker);
            List<String> said = expected.get(speaker);
            if (at < due) {
                throw GradingFailure.because(who + " received " + speaker.name() + "'s line #" + (at + 1) + " a second"
                                + " time " + situation + ".")
                        .expected(speaker.name() + "'s line #" + (due + 1) + ": " + Visible.of(speaker.relayed(said.get(due)) + "\n"))
                        .actual(Visible.of(line + "\n")).hint(ONCE).build();
            }
            if (at > due) {
                boolean later = got.contains(speaker.relayed(said.get(due)));
                throw GradingFailure.because(who + " received " + speaker.name() + "'s line #" + (at + 1) + " where line #"
                                + (due + 1) + " was due " + situation + (later ? ": it came later, out of order." : ", and"
                                + " line #" + (due + 1) + " never came."))
                        .expected(speaker.name() + "'s line #" + (due + 1) + ": " + Visible.of(speaker.relayed(said.get(due)) + "\n"))
                        .actual(Visible.of(line + "\n"))
                        .hint(later ? "Each member's lines must reach the others in the order it said them: relay them"
                                + " on that member's own thread, one after another, and write each one whole before the next."
                                : lostHint).build();
            }
            next.put(speaker, due + 1);
        }
        for (Map.Entry<Speaker, List<String>> entry : expected.entrySet()) {
            int heard = next.get(entry.getKey());
            List<String> said = entry.getValue();
            if (heard < said.size()) {
                String closed = listener.isClosedByProgram() ? " Your server closed " + who + "'s connection." : "";
                throw GradingFailure.because(who + " heard only " + heard + " of the " + said.size() + " lines "
                                + entry.getKey().name() + " said " + situation + "." + closed)
                        .expected(entry.getKey().name() + "'s line #" + (heard + 1) + ": "
                                + Visible.of(entry.getKey().relayed(said.get(heard)) + "\n"))
                        .actual(got.isEmpty() ? "nothing" : "nothing more after " + got.size() + " lines")
                        .hint(lostHint).build();
            }
        }
    }

    private static String textOf(String line) {
        Matcher m = RELAYED.matcher(line);
        return m.matches() ? m.group(2) : line;
    }

    private GradingFailure unexpected(LinePeer listener, String line, String situation, Optional<String> damage) {
        if (damage.isPresent()) {
            return GradingFailure.because(listener.name() + " received a damaged line (" + damage.get() + ") "
                            + situation + ".")
                    .expected("whole lines, each one \"[" + HOST + ":PORT] text\" as its sender said it")
                    .actual(Visible.of(line + "\n")).hint(WHOLE_LINES).build();
        }
        String speaker = speakerOfLine.get(textOf(line));
        return GradingFailure.because(listener.name() + " received a line it should not have " + situation
                        + (speaker != null ? " (" + speaker + " said it, and " + listener.name() + " was not to get it)" : "")
                        + ".")
                .expected("only the lines of " + "the other members, each \"[" + HOST + ":PORT] text\"")
                .actual(Visible.of(line + "\n"))
                .hint(speaker != null ? ONCE : WHOLE_LINES + " " + PREFIX_FORMAT).build();
    }

    /**
     * Takes lines from {@code listener} until {@code count} lines of members not forgotten have
     * arrived, its connection ends, or nothing new arrives for a scaled {@link Waits#event()}.
     */
    List<String> collect(LinePeer listener, int count) {
        List<String> got = new ArrayList<>();
        int[] counted = {0};
        Duration quietLimit = waits.event();
        while (counted[0] < count) {
            int before = got.size();
            try {
                waits.await(listener.name() + " to hear more lines", quietLimit).until(() -> {
                    for (Optional<String> line = listener.pollLine(); line.isPresent(); line = listener.pollLine()) {
                        got.add(line.get());
                        if (!isForgotten(line.get()) && !inFlightAtArrival(listener, line.get())) {
                            counted[0]++;
                        }
                    }
                    return got.size() > before || listener.isClosedByProgram();
                });
            } catch (ConditionTimeoutException quiet) {
                break;
            }
            if (got.size() == before && listener.isClosedByProgram()) {
                break;
            }
        }
        return got;
    }
}
