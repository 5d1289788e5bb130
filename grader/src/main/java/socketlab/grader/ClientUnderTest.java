package socketlab.grader;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The student's client, and the grader playing its server. The grader listens on a port
 * the kernel picks (port 0), starts the client with that port, accepts its connection as a
 * {@link LinePeer}, types on its stdin and reads what it prints on stdout.
 */
public final class ClientUnderTest {
    private static final String HOST = "127.0.0.1";

    private final TestSession session;
    private ServerSocket listener;
    private StudentProcess process;
    /** Every stdout line the checks took so far, matched or skipped, in order. */
    private final List<String> printed = new ArrayList<>();

    ClientUnderTest(TestSession session) {
        this.session = session;
    }

    /** Starts the client against the grader's server: {@code {host} {port}}. */
    public ClientUnderTest start() {
        return start(Map.of(), List.of("{host}", "{port}"));
    }

    /** Starts the client with a nickname as third argument (lab 04): {@code {host} {port} {nick}}. */
    public ClientUnderTest startWithNickname(String nickname) {
        return start(Map.of("nick", nickname), List.of("{host}", "{port}", "{nick}"));
    }

    /** Starts the client against a port where nothing listens. */
    public ClientUnderTest startAgainstClosedPort() {
        int closed = ServerUnderTest.freePort();
        session.transcript().note("nothing listens on " + HOST + ":" + closed);
        session.replayBy("Try it by hand: with no server running, run your client against " + HOST + " "
                + session.lab().defaultPort() + " and look at what it prints on stderr, and at its exit status (echo $?).");
        List<String> javaArguments = List.of("{host}", "{port}");
        List<String> command = session.command(Map.of("host", HOST, "port", String.valueOf(closed), "nick", "nobody"),
                javaArguments);
        process = session.start(command, true);
        return this;
    }

    private ClientUnderTest start(Map<String, String> extra, List<String> javaArguments) {
        listener = listen();
        Map<String, String> values = new java.util.HashMap<>(extra);
        values.put("host", HOST);
        values.put("port", String.valueOf(listener.getLocalPort()));
        List<String> command = session.command(values, javaArguments);
        if (!values.containsKey("nick")) {
            // Started without a nickname: a command's {nick} word is left out, not passed as "".
            command = command.stream().filter(word -> !word.equals("{nick}")).toList();
        }
        process = session.start(command, true);
        return this;
    }

    private ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
            session.own(socket);
            session.transcript().event(Transcript.Kind.LISTENING, "server", "the grader's server listens on " + HOST + ":" + socket.getLocalPort());
            return socket;
        } catch (IOException e) {
            throw new GraderSetupException("The grader could not listen on " + HOST + " (" + e.getMessage()
                    + "): check that the loopback interface is up.");
        }
    }

    /** Waits for the client to connect, and returns the grader's end of that connection. */
    public LinePeer awaitConnection() {
        return awaitConnection("server");
    }

    /**
     * The same, naming the grader's end in the transcript. Fails at once, not after the
     * whole wait, when the client has exited without connecting.
     */
    LinePeer awaitConnection(String name) {
        Duration limit = session.waits().startup();
        java.util.concurrent.atomic.AtomicReference<Socket> accepted = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            listener.setSoTimeout(20);
            session.waits().await("your client to connect", limit)
                    .until(() -> tryAccept(accepted) || !process.isAlive());
        } catch (ConditionTimeoutException | IOException e) {
            throw didNotConnect(limit);
        }
        if (accepted.get() == null && !tryAccept(accepted)) {
            throw didNotConnect(limit);
        }
        Socket socket = accepted.get();
        session.transcript().event(Transcript.Kind.CONNECTED, session.programLabel(), "your client connected from port " + socket.getPort());
        try {
            return session.own(LinePeer.accepted(name, session.programLabel(), socket, session.transcript(), session.waits()));
        } catch (IOException e) {
            throw new GraderSetupException("The grader's server failed: " + e.getMessage());
        }
    }

    private boolean tryAccept(java.util.concurrent.atomic.AtomicReference<Socket> accepted) {
        try {
            accepted.set(listener.accept());
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new GraderSetupException("The grader's server failed: " + e.getMessage());
        }
    }

    private GradingFailure didNotConnect(Duration limit) {
        String what = process.isAlive() ? "within " + Waits.human(limit) + "."
                : "before it exited (status " + process.exitStatus().orElse(-1) + ").";
        return GradingFailure.because("Your client did not connect to the grader's server at " + HOST + ":"
                        + listener.getLocalPort() + " " + what)
                .hint(LanguageHints.CONNECT_TO_THE_ARGUMENTS.in(language()))
                .build();
    }

    /** Types a line on the client's stdin. */
    public ClientUnderTest type(String line) {
        process.type(line);
        return this;
    }

    /**
     * Types {@code text} with no newline after it: with {@link #endInput()} next, a last line
     * ended by Ctrl-D alone, which a program reading lines must still take as a whole line.
     */
    public ClientUnderTest typeWithoutNewline(String text) {
        process.typeRaw(text);
        return this;
    }

    /** Ends the client's stdin (Ctrl-D). */
    public ClientUnderTest endInput() {
        process.endInput();
        return this;
    }

    /**
     * Waits until the client prints {@code expected} as a whole line on stdout. Lines printed
     * before it that the test does not ask about (a banner, a prompt) are allowed, unless one
     * of them is a damaged copy of the expected line, which fails at once with a precise hint.
     */
    public ClientUnderTest expectPrinted(String expected, String why, String hint) {
        return expectPrinted(expected, why, hint, null);
    }

    private ClientUnderTest expectPrinted(String expected, String why, String hint, String splitHint) {
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        LineInbox stdout = process.stdoutLines();
        Duration limit = session.waits().event();
        List<String> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try {
                session.waits().await("your client to print " + why, left)
                        .until(() -> stdout.hasLine() || stdout.isEnded());
            } catch (ConditionTimeoutException e) {
                throw notPrinted(want, why, hint, skipped, stdout, "after " + Waits.human(limit));
            }
            byte[] line = stdout.poll();
            if (line == null) {
                throw notPrinted(want, why, hint, skipped, stdout, "before its stdout ended");
            }
            String text = new String(line, StandardCharsets.UTF_8);
            printed.add(text);
            if (Arrays.equals(line, want)) {
                return this;
            }
            if (splitHint != null && text.contains("\uFFFD") && !expected.contains("\uFFFD")) {
                throw GradingFailure.because("Your client printed U+FFFD (\uFFFD) where the grader's server had cut a"
                                + " UTF-8 character between two segments: it decoded each read on its own.")
                        .expected(Visible.of(LinePeer.withNewline(want)))
                        .actual(Visible.of(LinePeer.withNewline(line)))
                        .hint(splitHint)
                        .build();
            }
            if (isTrimmed(expected, text)) {
                throw GradingFailure.because("Your client printed " + why + " without the spaces or tabs at its ends: it"
                                + " trimmed the line, which must be printed unchanged.")
                        .expected(Visible.of(LinePeer.withNewline(want)))
                        .actual(Visible.of(LinePeer.withNewline(line)))
                        .hint(noTrimHint())
                        .build();
            }
            java.util.Optional<String> precise = Diagnosis.of(want, line);
            if (precise.isPresent() || text.contains(expected) || (!expected.isEmpty() && expected.contains(text) && !text.isBlank())) {
                throw GradingFailure.because("Your client printed a different line where " + why + " was expected.")
                        .expected(Visible.of(LinePeer.withNewline(want)))
                        .actual(Visible.of(LinePeer.withNewline(line)))
                        .hint(precise.orElse(hint))
                        .build();
            }
            skipped.add(text);
        }
    }

    private GradingFailure notPrinted(byte[] want, String why, String hint, List<String> skipped, LineInbox stdout, String when) {
        byte[] partial = stdout.unterminated();
        OptionalInt exit = process.awaitExit(Duration.ofMillis(100));
        String headline = exit.isPresent()
                ? "Your client exited (status " + exit.getAsInt() + ") before it printed " + why + "."
                : "Your client did not print " + why + " " + when + ".";
        GradingFailure.Builder failure = GradingFailure.because(headline)
                .expected(Visible.of(LinePeer.withNewline(want)) + " on its own line");
        if (partial.length > 0) {
            failure.actual(Visible.of(partial) + " with no \\n after it");
            return failure.hint(LanguageHints.PRINT_WITH_NEWLINE.in(language())).build();
        }
        failure.actual(skipped.isEmpty() ? "nothing" : "only other lines: " + skipped.stream().map(Visible::of).toList());
        return failure.hint(hint).build();
    }

    /**
     * Waits until the client prints {@code prompt} (text without a newline, such as
     * "Choose your nickname: ") as the next thing on stdout, and takes it off, so that what
     * the user types next and the following lines read as usual.
     */
    public ClientUnderTest expectPrompt(String prompt, String hint) {
        byte[] want = prompt.getBytes(StandardCharsets.UTF_8);
        LineInbox stdout = process.stdoutLines();
        Duration limit = session.waits().event();
        try {
            session.waits().await("your client to print the prompt " + Visible.of(prompt), limit)
                    .until(() -> stdout.takePrefix(want) || stdout.isEnded());
        } catch (ConditionTimeoutException e) {
            byte[] shown = stdout.hasLine() ? LinePeer.withNewline(stdout.pending().get(0)) : stdout.unterminated();
            throw GradingFailure.because("Your client did not print the prompt " + Visible.of(prompt) + " within "
                            + Waits.human(limit) + ".")
                    .expected(Visible.of(want)).actual(shown.length == 0 ? "nothing" : Visible.of(shown))
                    .hint(hint).build();
        }
        if (stdout.isEnded() && !stdout.takePrefix(want)) {
            throw GradingFailure.because("Your client's output ended before it printed the prompt " + Visible.of(prompt) + ".")
                    .hint(hint).build();
        }
        session.transcript().event(Transcript.Kind.NOTE, session.programLabel(), "your client printed the prompt " + Visible.of(prompt));
        return this;
    }

    /** Checks that the client, told to finish, exits with {@code status} within a bounded time. */
    public ClientUnderTest expectExit(int status, String why, String hint) {
        Duration limit = session.waits().exit();
        OptionalInt exit = process.awaitExit(limit);
        if (exit.isEmpty()) {
            throw GradingFailure.because("Your client was still running " + Waits.human(limit) + " after " + why + ".")
                    .expected("exit with status " + status).actual("still running").hint(hint).build();
        }
        if (exit.getAsInt() != status) {
            throw GradingFailure.because("Your client exited with status " + exit.getAsInt() + " after " + why + ".")
                    .expected("exit status " + status).actual("exit status " + exit.getAsInt()).hint(hint).build();
        }
        return this;
    }

    /**
     * Checks that the client does not exit within {@code base} (scaled): long enough for a
     * JVM that calls System.exit to be gone, since exiting takes a JVM a while.
     */
    public ClientUnderTest expectStillRunningFor(Duration base, String because, String hint) {
        OptionalInt exit = process.awaitExit(session.waits().scaled(base));
        if (exit.isPresent()) {
            throw GradingFailure.because("Your client exited (status " + exit.getAsInt() + ") " + because + ".")
                    .expected("still running").actual("exited").hint(hint).build();
        }
        return this;
    }

    /**
     * Checks how the client reports a failure such as a refused connection (SPEC §1): exit
     * status {@code status}, and a message on stderr that is one clear line, not a stack trace.
     */
    public ClientUnderTest expectOneLineError(int status, String why, String hint) {
        expectExit(status, why, hint);
        List<String> stderr = TraceKind.nonBlank(stderrLines());
        if (stderr.isEmpty()) {
            throw GradingFailure.because("Your client exited with status " + status + " but printed nothing on stderr.")
                    .expected("one line that says what went wrong").actual("nothing").hint(hint).build();
        }
        if (stderr.size() > 1) {
            // SPEC §1 is the same for every language: one line. The kind of trace only names what was seen.
            String kind = TraceKind.in(stderr).map(trace -> ", " + trace.description()).orElse("");
            throw GradingFailure.because("Your client printed " + stderr.size() + " lines on stderr" + kind + " when "
                            + why + ".")
                    .expected("one clear line that says what went wrong")
                    .actual(stderr.size() + " lines, from " + Visible.of(stderr.get(0)) + " to "
                            + Visible.of(stderr.get(stderr.size() - 1)))
                    .hint(hint).build();
        }
        return this;
    }

    /**
     * Waits for the next line the client sends and checks it is {@code typed}, exactly as the
     * user typed it. Beyond {@link LinePeer#expectLine}, it names what clients get wrong with
     * typed text: spaces or tabs trimmed, the last character dropped from a last line that had
     * no newline to drop, that last line never sent.
     *
     * @param lastLine whether {@code typed} was the last input, ended by Ctrl-D without a newline
     */
    public ClientUnderTest expectSent(LinePeer server, String typed, boolean lastLine, String why, String hint) {
        String missing = lastLine ? lastLineHint() : hint;
        String got = server.nextLine(why, missing);
        if (got.equals(typed)) {
            return this;
        }
        GradingFailure.Builder failure;
        String precise;
        if (isTrimmed(typed, got)) {
            failure = GradingFailure.because("Your client sent " + why + " without the spaces or tabs at its ends: it"
                    + " trimmed the line, which must be sent exactly as typed.");
            precise = noTrimHint();
        } else if (lastLine && !typed.isEmpty() && got.equals(typed.substring(0, typed.length() - 1))) {
            failure = GradingFailure.because("Your client dropped the last character of the last line typed: that line"
                    + " ended with Ctrl-D, not \n, so there was no newline to remove.");
            precise = lastLineHint();
        } else if (lastLine && got.equals("!DISCONNECT")) {
            failure = GradingFailure.because("Your client never sent the last line typed, which ended with Ctrl-D instead"
                    + " of \n: it said goodbye first.");
            precise = lastLineHint();
        } else {
            failure = GradingFailure.because("The grader's server expected " + why + ", but your client sent a different"
                    + " line.");
            precise = Diagnosis.of(typed.getBytes(StandardCharsets.UTF_8), got.getBytes(StandardCharsets.UTF_8)).orElse(hint);
        }
        throw failure.expected(Visible.of(typed + "\n")).actual(Visible.of(got + "\n")).hint(precise).build();
    }

    /**
     * Checks that the client has not printed {@code line}, neither among the lines the test
     * has read so far nor among those waiting. Call it once the client has exited to check
     * its whole output.
     */
    public ClientUnderTest expectNotPrinted(String line, String headline, String hint) {
        LineInbox stdout = process.stdoutLines();
        List<String> all = new ArrayList<>(printed);
        stdout.pending().forEach(bytes -> all.add(new String(bytes, StandardCharsets.UTF_8)));
        all.add(new String(stdout.unterminated(), StandardCharsets.UTF_8));
        if (all.contains(line)) {
            throw GradingFailure.because(headline)
                    .expected("no line " + Visible.of(line + "\n"))
                    .actual("your client printed " + Visible.of(line + "\n"))
                    .hint(hint).build();
        }
        return this;
    }

    /** The language of the client, as its launch command shows it, for hints in its own words. */
    public Language language() {
        return session.language();
    }

    /**
     * What to do when the connection is refused (SPEC §1), in the client's language; {@code javaHint}
     * is the lab's own words for the Java sources (which name the starter's main).
     */
    public String refusedConnectionHint(String javaHint) {
        return LanguageHints.refusedConnection(language(), javaHint, HOST + ":" + session.lab().defaultPort());
    }

    /**
     * Sends {@code line} from the grader's server in pieces, each cut inside a multi-byte
     * character at a different byte (see {@link LinePeer#sendCutInsideCharacters}), with a quiet
     * period between pieces: the client is idle then, so the wait is no risk to a correct one,
     * and a client that decodes each read on its own gets the pieces in separate reads. Then
     * waits until the client prints {@code line} (see {@link #expectPrinted}): a line printed
     * with U+FFFD in it names that bug, decoding each read on its own.
     */
    public ClientUnderTest sendCutInsideCharactersAndExpectPrinted(LinePeer server, String line, String why) {
        server.sendCutInsideCharacters(line, () -> server.expectNothing("anything while the line was still incomplete",
                Hints.FRAMING));
        String splitHint = LanguageHints.SPLIT_UTF8.in(language());
        return expectPrinted(line, why, splitHint, splitHint);
    }


    /** What to do when a typed line did not reach the server as typed, in the client's language. */
    public String sendEachLineHint() {
        return LanguageHints.SEND_EACH_LINE.in(language());
    }

    private static boolean isTrimmed(String expected, String got) {
        return !got.equals(expected) && !expected.isBlank() && (got.equals(expected.strip())
                || got.equals(expected.stripLeading()) || got.equals(expected.stripTrailing()));
    }

    private String noTrimHint() {
        return LanguageHints.NO_TRIM.in(language());
    }

    private String lastLineHint() {
        return LanguageHints.LAST_LINE.in(language());
    }

    /** The client's stderr, for checks on error messages. */
    List<String> stderrLines() {
        return process.stderrLines();
    }

    public StudentProcess process() {
        return process;
    }
}
