package socketlab.grader.lab02;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import socketlab.grader.GraderTest;
import socketlab.grader.Graded;
import socketlab.grader.GradingFailure;
import socketlab.grader.LinePeer;
import socketlab.grader.Payloads;
import socketlab.grader.ProcessStats;
import socketlab.grader.ServerUnderTest;
import socketlab.grader.Symptom;
import socketlab.grader.TestSession;
import socketlab.grader.Visible;

/**
 * Lab 02, the server (SPEC §3): every connected client is served at the same time. Each
 * test opens its connections first and talks on the last-opened one first, so a server that
 * serves clients one after another cannot pass by luck: the kernel's listen backlog
 * completes connections the server has not accepted yet, and only a real echo proves that
 * a client is being served.
 */
@GraderTest
@Tag("lab02")
@Tag("server")
@DisplayName("lab02 many clients at once")
class ManyClientsTest {
    static final String ONE_AT_A_TIME = "Your server seems to serve one client at a time: while it talks to one"
            + " client, the others wait. Start a new thread for each accepted client (new Thread(handler).start()) and"
            + " go straight back to accept().";
    static final String TOO_FEW_WORKERS = "Some clients are served and others wait: is a fixed pool of threads"
            + " (Executors.newFixedThreadPool) too small? Each connected client holds its thread for as long as it stays"
            + " connected, even when it is silent, so give each client a thread of its own.";
    static final String OWN_STREAMS = "Each client's thread must use its own socket's reader and writer. A reader or"
            + " writer kept in a field shared by all handlers (or a static one) makes replies go to the wrong client.";
    static final String CLOSE_EVERY_SOCKET = "Close each client's socket when that client leaves (try-with-resources"
            + " in the handler's run()), and let its thread end by returning from run().";

    @Test
    @DisplayName("a second client is served while the first is connected and silent")
    @Graded(points = 3, does = "C1 connects and says nothing; C2 connects and expects its echo while C1 stays"
            + " connected.")
    void servesASecondClientWhileTheFirstIsSilent(ServerUnderTest server, Payloads payloads, TestSession session) {
        LinePeer silent = server.connect();
        LinePeer second = server.connect();
        String line = payloads.sentence();
        expectEcho(second, line, "its echo while C1 is connected and silent", List.of(silent, second), payloads, session);
        String later = payloads.sentence();
        expectEcho(silent, later, "its echo after C2 was served", List.of(silent, second), payloads, session);
    }

    @Test
    @DisplayName("ten clients connected at once are answered last-connected first")
    @Graded(points = 2, does = "Opens ten connections; then talks on the last one first and on the first one last,"
            + " each expecting its echo.")
    void answersTheLastConnectedFirst(ServerUnderTest server, Payloads payloads, TestSession session) {
        List<LinePeer> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(server.connect());
        }
        for (int i = clients.size() - 1; i >= 0; i--) {
            LinePeer client = clients.get(i);
            expectEcho(client, payloads.sentence(), "its echo (" + client.name() + " of 10 connected)", clients,
                    payloads, session);
        }
    }

    /**
     * Sends a line and expects its echo; if none comes, finds out how many of the connected
     * clients the server serves at all, and says so: one means one client at a time, a few
     * means a pool of threads too small.
     */
    static void expectEcho(LinePeer client, String line, String why, List<LinePeer> connected, Payloads payloads,
                           TestSession session) {
        try {
            client.send(line).expectLine(line, why, ONE_AT_A_TIME);
        } catch (GradingFailure silence) {
            if (silence.symptom() != Symptom.NOTHING_RECEIVED) {
                throw silence;
            }
            throw echoedToAnother(client, line, connected).orElseGet(
                    () -> servedOnly(client, connected, payloads, session, silence));
        }
    }

    /** When {@code client} got nothing: the failure if its echo went to another connected client. */
    private static Optional<GradingFailure> echoedToAnother(LinePeer client, String line, List<LinePeer> connected) {
        return connected.stream().filter(other -> other != client && other.pendingLines().contains(line)).findFirst()
                .map(other -> crossTalk(line, other.name() + " received the echo of the line that " + client.name()
                        + " sent, and " + client.name() + " got nothing: your server mixed up its clients.", "nothing"));
    }

    private static GradingFailure servedOnly(LinePeer waiting, List<LinePeer> connected, Payloads payloads,
                                             TestSession session, GradingFailure silence) {
        for (LinePeer peer : connected) {
            if (peer != waiting) {
                peer.send("probe " + payloads.word());
            }
        }
        try {
            session.waits().await("every connected client to answer a probe", session.waits().scaled(Duration.ofSeconds(1)))
                    .until(() -> connected.stream().filter(peer -> peer != waiting)
                            .allMatch(peer -> !peer.pendingLines().isEmpty()));
        } catch (ConditionTimeoutException someWait) {
            // Counted below.
        }
        List<String> served = connected.stream().filter(peer -> peer != waiting && !peer.pendingLines().isEmpty())
                .map(LinePeer::name).toList();
        if (served.isEmpty()) {
            return silence;
        }
        String answered = "Your server answered " + String.join(", ", served) + " but not " + waiting.name() + ", though "
                + connected.size() + " clients were connected.";
        return GradingFailure.because(answered)
                .expected("an echo for every connected client")
                .actual(served.size() + " of " + connected.size() + " clients served")
                .hint(served.size() == 1 ? ONE_AT_A_TIME : TOO_FEW_WORKERS)
                .build();
    }

    @Test
    @DisplayName("100 clients connected at once each get exactly their own lines back, none lost and no cross-talk")
    @Graded(points = 4, does = "Opens 100 connections; in three rounds every client sends a line of its own,"
            + " last-opened first; every client expects exactly its own lines back, in order.")
    void servesAHundredClientsAtOnce(ServerUnderTest server, Payloads payloads) {
        List<LinePeer> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(server.connect());
        }
        Map<String, String> sender = new HashMap<>();
        for (int round = 1; round <= 3; round++) {
            Map<LinePeer, String> sent = new HashMap<>();
            for (int i = clients.size() - 1; i >= 0; i--) {
                LinePeer client = clients.get(i);
                String line = client.name() + " round " + round + " " + payloads.sentence();
                sender.put(line, client.name());
                sent.put(client, line);
                client.send(line);
            }
            for (int i = clients.size() - 1; i >= 0; i--) {
                LinePeer client = clients.get(i);
                expectOwnLine(client, sent.get(client), sender, clients);
            }
        }
        clients.get(0).expectNothing("a line nobody sent it", OWN_STREAMS);
    }

    private static void expectOwnLine(LinePeer client, String own, Map<String, String> sender, List<LinePeer> everyone) {
        String got;
        try {
            got = client.nextLine("the echo of its own line " + Visible.of(own), TOO_FEW_WORKERS);
        } catch (GradingFailure nothing) {
            throw echoedToAnother(client, own, everyone).orElse(nothing);
        }
        if (!got.equals(own)) {
            String owner = sender.get(got);
            throw crossTalk(own, owner != null
                    ? client.name() + " received the line that " + owner + " sent: your server mixed up its clients."
                    : client.name() + " received a line that was not its own.", Visible.of(got + "\n"));
        }
    }

    private static GradingFailure crossTalk(String own, String headline, String actual) {
        return GradingFailure.because(headline).expected(Visible.of(own + "\n")).actual(actual).hint(OWN_STREAMS).build();
    }

    @Test
    @DisplayName("a client that resets its connection harms no other client, and the server keeps accepting")
    @Graded(points = 2, does = "C1 and C2 connect; C1 sends half a line and resets; C2 goes on talking and a new C3"
            + " is served.")
    void aResetHarmsNoOtherClient(ServerUnderTest server, Payloads payloads) {
        LinePeer c1 = server.connect();
        LinePeer c2 = server.connect();
        String before = payloads.sentence();
        c2.send(before).expectLine(before, "its echo", ONE_AT_A_TIME);
        c1.sendRaw("half a li");
        c1.reset();
        String after = payloads.sentence();
        String hint = "Catch IOException inside each client's thread, so that one client's reset ends only that"
                + " client's thread: an exception that escapes run() kills the thread silently, or the server if it"
                + " happens in the accept loop.";
        c2.send(after).expectLine(after, "its echo after C1 reset its connection", hint);
        String late = payloads.sentence();
        server.connect().send(late).expectLine(late, "its echo from a server that keeps accepting", hint);
        server.expectStillRunning("a client reset its connection", hint);
    }

    @Test
    @DisplayName("2,000 clients one after another leave no open socket and no thread behind")
    @Graded(points = 3, does = "Counts the server's open files and threads (Linux /proc); 2,000 clients connect,"
            + " talk and leave one after another (every third one resets); expects the counts back near where they"
            + " were.")
    void thousandsOfClientsLeaveNothingBehind(ServerUnderTest server, Payloads payloads, TestSession session) {
        Assumptions.assumeTrue(ProcessStats.available(), "this machine has no /proc (not Linux), so the grader cannot"
                + " count the server's sockets and threads: this test was skipped");
        String warmUp = payloads.sentence();
        LinePeer first = server.connect();
        first.send(warmUp).expectLine(warmUp, "its echo", ONE_AT_A_TIME);
        first.close();
        ProcessStats before = settledStats(server, session, null);
        int clients = 2000;
        for (int i = 0; i < clients; i++) {
            LinePeer client = server.connect();
            String line = client.name() + " " + payloads.word();
            client.send(line).expectLine(line, "its echo", CLOSE_EVERY_SOCKET);
            if (i % 3 == 2) {
                client.reset();
            } else {
                client.close();
            }
        }
        ProcessStats after = settledStats(server, session, before);
        long files = after.openFiles() - before.openFiles();
        long threads = after.threads() - before.threads();
        if (files > 50 || threads > 50) {
            throw GradingFailure.because("After " + clients + " clients came and went, your server holds " + files
                            + (files == 1 ? " more open file (socket) and " : " more open files (sockets) and ") + threads
                            + (threads == 1 ? " more thread" : " more threads") + " than before.")
                    .expected("about as many as before: " + before.openFiles() + " open files, " + before.threads() + " threads")
                    .actual(after.openFiles() + " open files, " + after.threads() + " threads")
                    .hint(files > 50 ? CLOSE_EVERY_SOCKET : "A client's thread must end when its client leaves: return from"
                            + " run() once readLine() returns null or an IOException tells you the client is gone.")
                    .build();
        }
    }

    /**
     * The server's counts once they stop falling: a correct server closes a socket and ends
     * its thread a moment after the client leaves, so the grader waits (bounded) for that
     * before it believes a count.
     */
    private static ProcessStats settledStats(ServerUnderTest server, TestSession session, ProcessStats baseline) {
        long[] last = {Long.MAX_VALUE};
        ProcessStats[] stats = {null};
        try {
            session.waits().await("your server's open files and threads to settle", session.waits().event())
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        ProcessStats now = ProcessStats.of(server.process()).orElseThrow(() -> GradingFailure
                                .because("Your server exited while clients came and went.").hint(CLOSE_EVERY_SOCKET)
                                .build());
                        stats[0] = now;
                        long total = now.openFiles() + now.threads();
                        boolean settled = baseline != null
                                ? now.openFiles() <= baseline.openFiles() + 5 && now.threads() <= baseline.threads() + 5
                                : total >= last[0];
                        last[0] = total;
                        return settled;
                    });
        } catch (ConditionTimeoutException stillHigh) {
            // The counts did not come down: the caller reports the last ones.
        }
        return stats[0];
    }
}
