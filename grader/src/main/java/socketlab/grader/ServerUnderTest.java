package socketlab.grader;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The student's server, started for one test on a free port and known to be ready: a TCP
 * connect to it has succeeded (SPEC §1). A test talks to it through {@link #connect()}, which
 * hands out {@link LinePeer}s named C1, C2, ... in the transcript.
 */
public final class ServerUnderTest {
    /** The loopback address every program under test is reached on, and reaches the grader on. */
    public static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;

    private final TestSession session;
    private final StudentProcess process;
    private final int port;
    private final AtomicInteger clients = new AtomicInteger();

    private ServerUnderTest(TestSession session, StudentProcess process, int port) {
        this.session = session;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server and waits, bounded, until it accepts connections. If the free port
     * the grader picked was taken in the meantime, it tries another one.
     */
    static ServerUnderTest start(TestSession session) {
        Optional<SharedCause.Found> neverListens = session.causes().of(session.lab(), Role.SERVER)
                .filter(found -> found.kind() == SharedCause.Kind.NEVER_LISTENS);
        if (neverListens.isPresent()) {
            throw GradingFailure.because(neverListens.get().pointer("your server"))
                    .symptom(Symptom.SAME_CAUSE).build();
        }
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> command = session.command(Map.of("port", String.valueOf(port), "host", HOST), List.of("{port}"));
            StudentProcess process = session.start(command, false);
            if (awaitListening(session, process, port)) {
                session.transcript().event(Transcript.Kind.LISTENING, session.programLabel(), "your server is listening on " + HOST + ":" + port
                        + "; the grader checked with one connection, closed at once");
                return new ServerUnderTest(session, process, port);
            }
            if (attempt < START_ATTEMPTS && lostPortRace(process)) {
                session.transcript().note("port " + port + " was taken by someone else meanwhile; trying another");
                session.discard(process);
                continue;
            }
            GradingFailure failure = notListening(session, process, port, command);
            if (process.isAlive() && !process.isBusy(session.waits().quiet().multipliedBy(2))) {
                session.causes().record(session.lab(), Role.SERVER, SharedCause.Kind.NEVER_LISTENS, session.name(),
                        failure.headline());
            }
            throw failure;
        }
    }

    /** Opens a new connection, named C1, C2, ... in order. */
    public LinePeer connect() {
        return connect("C" + clients.incrementAndGet());
    }

    /** Opens a new connection with the given name in the transcript. */
    public LinePeer connect(String name) {
        return connect(name, true);
    }

    /**
     * Opens a connection that reads nothing until told to ({@link LinePeer#resumeReading()}),
     * with a small receive buffer: what the server sends it piles up in the server at once.
     */
    public LinePeer connectNotReading(String name) {
        return connect(name, false);
    }

    private LinePeer connect(String name, boolean reading) {
        try {
            return session.own(connectOrRetryRefused(name, reading));
        } catch (GradingFailure failure) {
            if (process.isAlive() && failure.symptom() == Symptom.CONNECT_TIMED_OUT) {
                throw GradingFailure.because(name + " could not connect: your server is running but did not accept"
                                + " the connection.")
                        .hint("Your server seems to serve clients one at a time (or too few at once): the connections"
                                + " it does not accept wait in the kernel's queue of pending connections (the listen"
                                + " backlog), and once that is full, new ones time out. Accept each client and hand it to"
                                + " its own thread, then go straight back to accept().")
                        .symptom(Symptom.CONNECT_TIMED_OUT)
                        .build();
            }
            throw failure;
        }
    }

    /**
     * A refused connection to a server that is still running and was accepting a moment ago
     * is tried again, for a bounded time: on a loaded machine one refusal was seen from a correct
     * server between two accepted connections, and a correct program must never fail. A server
     * that really stopped accepting (or closed its listening socket) still fails, after the
     * wait; one that died fails at once.
     */
    private LinePeer connectOrRetryRefused(String name, boolean reading) {
        long deadline = System.nanoTime() + session.waits().event().toNanos();
        Duration pause = session.waits().scaled(Duration.ofMillis(20));
        while (true) {
            try {
                return LinePeer.connect(name, session.programLabel(), address(), session.transcript(), session.waits(),
                        session.sentLines(), reading);
            } catch (GradingFailure failure) {
                if (failure.symptom() != Symptom.CONNECT_FAILED || !process.isAlive() || System.nanoTime() > deadline) {
                    throw failure;
                }
                try {
                    session.waits().await("your server to exit", pause).until(() -> !process.isAlive());
                } catch (ConditionTimeoutException stillRunning) {
                    // It still runs: try again.
                }
                pause = java.util.Collections.min(List.of(pause.multipliedBy(2), Duration.ofSeconds(1)));
            }
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(HOST, port);
    }

    public int port() {
        return port;
    }

    /** The server's operating-system process: for liveness and for /proc checks. */
    public StudentProcess process() {
        return process;
    }

    /** Fails the test if the server has exited: a client's misbehaviour must never kill it. */
    public void expectStillRunning(String after, String hint) {
        if (!process.isAlive()) {
            throw GradingFailure.because("Your server exited (status " + process.exitStatus().orElse(-1) + ") after " + after
                    + ". Nothing a client does may stop a server.").hint(hint).build();
        }
    }

    private static boolean awaitListening(TestSession session, StudentProcess process, int port) {
        Duration limit = session.waits().startup();
        try {
            session.waits().await("your server to accept connections on port " + port, limit)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || accepts(port) && ListenerOwner.isOwnedBy(process, port));
        } catch (ConditionTimeoutException e) {
            return false;
        }
        return process.isAlive();
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean lostPortRace(StudentProcess process) {
        return !process.isAlive() && process.stderrLines().stream().anyMatch(ProgramOutput::saysAddressInUse);
    }

    private static GradingFailure notListening(TestSession session, StudentProcess process, int port, List<String> command) {
        String started = "The grader started it as: " + String.join(" ", command);
        if (!process.isAlive()) {
            return GradingFailure.because("Your server exited (status " + process.exitStatus().orElse(-1)
                            + ") before it accepted any connection on port " + port + ".")
                    .hint("Read its stderr below: the first exception, and the line of your code it names, usually"
                            + " show the bug. " + started + ".")
                    .build();
        }
        java.util.Set<Integer> elsewhere = ListenerOwner.portsOf(process);
        if (!elsewhere.isEmpty()) {
            return GradingFailure.because("Your server listens on port " + elsewhere.stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(", ")) + ", not on port " + port
                            + ", the one the grader gave it as its first argument.")
                    .hint("Read the port from the command line (args[0], sys.argv[1], process.argv[2]), and use the"
                            + " lab's default port only when no argument is given. " + started + ".")
                    .build();
        }
        return GradingFailure.because("Your server did not accept connections on " + HOST + ":" + port + " within "
                        + Waits.human(session.waits().startup()) + ".")
                .hint("The port comes as the first argument: does your server use args[0], and listen on 127.0.0.1"
                        + " (or on all addresses)? Is it stuck before accept(), e.g. reading System.in? " + started + ".")
                .build();
    }

    /** A port nothing listens on right now (the kernel picks it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new GraderSetupException("The grader could not find a free TCP port on " + HOST + " (" + e.getMessage()
                    + "): check that the loopback interface is up.");
        }
    }
}
