package socketlab.grader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The grader's end of one TCP connection, scripted from the test's side: send, expect,
 * expect nothing, half-close, reset. A reader thread frames what the program sends into
 * lines (see {@link LineInbox}) and records everything in the {@link Transcript}; every
 * expectation waits at most a bounded, scaled time and fails with a {@link GradingFailure}
 * that says what came instead.
 */
public final class LinePeer implements AutoCloseable {
    /** What a peer keeps at most of what it received (lab 03's flood test needs megabytes). */
    private static final long INBOX_LIMIT = 64L << 20;
    /** What a peer remembers of what it sent, for the replay command. */
    private static final int SENT_LOG_LIMIT = 4096;
    /** The receive buffer of a peer that stops reading: small, so that what it leaves unread piles up at once. */
    private static final int SMALL_RECEIVE_BUFFER = 16 * 1024;
    /** How much a flood writes in one bounded write. */
    private static final int FLOOD_CHUNK = 64 * 1024;

    private final String name;
    private final String program;
    private final Socket socket;
    private final OutputStream out;
    private final Transcript transcript;
    private final Waits waits;
    private final LineInbox inbox;
    private final ByteArrayOutputStream sentLog = new ByteArrayOutputStream();
    private boolean sentLogFull;
    private final List<String> received = new ArrayList<>();
    private final SentLines sentLines;
    private volatile boolean closedByUs;
    private volatile boolean stalled;
    private volatile boolean sentNewline;
    private boolean outputShut;
    /** Guards {@link #reading}: the reader thread waits on it while the test keeps this peer from reading. */
    private final Object readGate = new Object();
    private boolean reading;

    private LinePeer(String name, String program, Socket socket, Transcript transcript, Waits waits, SentLines sentLines,
                     boolean reading) throws IOException {
        this.reading = reading;
        this.name = name;
        this.sentLines = sentLines;
        this.program = program;
        this.socket = socket;
        this.transcript = transcript;
        this.waits = waits;
        this.out = socket.getOutputStream();
        this.inbox = new LineInbox(INBOX_LIMIT, line -> transcript.data(program, name, withNewline(line)));
        Thread reader = new Thread(this::readUntilEnd, "grader-peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects to the program under test.
     *
     * @param name    how the transcript calls this connection, e.g. "C1" or "alice"
     * @param program how the transcript calls the program, e.g. "your server"
     */
    public static LinePeer connect(String name, String program, InetSocketAddress address, Transcript transcript, Waits waits) {
        return connect(name, program, address, transcript, waits, new SentLines(), true);
    }

    /**
     * Connects, sharing with the test's other peers who sent which line (to name cross-talk).
     *
     * @param reading false for a peer that does not read until {@link #resumeReading()}: it gets
     *                a small receive buffer, so that what it leaves unread piles up in the program
     */
    static LinePeer connect(String name, String program, InetSocketAddress address, Transcript transcript, Waits waits,
                            SentLines sentLines, boolean reading) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (!reading) {
                socket.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
            }
            socket.connect(address, (int) waits.event().toMillis());
            transcript.event(Transcript.Kind.CONNECTED, name, name + " connected to " + program + " from port "
                    + socket.getLocalPort() + (reading ? "" : " (it reads nothing for now)"));
            return new LinePeer(name, program, socket, transcript, waits, sentLines, reading);
        } catch (IOException e) {
            closeQuietly(socket);
            transcript.event(Transcript.Kind.CONNECT_FAILED, name, name + " could not connect: " + e.getMessage());
            throw GradingFailure.because(name + " could not connect to " + program + " at "
                            + address.getHostString() + ":" + address.getPort() + " (" + e.getMessage() + ").")
                    .hint("Is " + program + " still running and still accepting? A program that crashed on an"
                            + " earlier client, or stopped calling accept(), refuses new connections. Its output below"
                            + " shows whether it died.")
                    .symptom(e instanceof java.net.SocketTimeoutException ? Symptom.CONNECT_TIMED_OUT : Symptom.CONNECT_FAILED)
                    .build();
        }
    }

    /** Wraps a connection the grader accepted from the program (the grader plays the server). */
    static LinePeer accepted(String name, String program, Socket socket, Transcript transcript, Waits waits) throws IOException {
        socket.setTcpNoDelay(true);
        return new LinePeer(name, program, socket, transcript, waits, new SentLines(), true);
    }

    public String name() {
        return name;
    }

    /** The local port of this connection: the program sees the grader as 127.0.0.1:this. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Sends {@code line} followed by {@code \n}, in one segment. */
    public LinePeer send(String line) {
        sentLines.record(line, name);
        return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends text exactly as given (no newline is added), in one segment. */
    public LinePeer sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code lines}, each followed by {@code \n}, {@code perWrite} lines to a write: bursts
     * the program reads many lines at a time from. If the program stops reading this peer (a
     * write stalls), the failure gives {@code ifStalled}: the lab's words for what keeps a
     * program from reading, typically a broadcast blocked on a member that does not read.
     */
    public LinePeer sendInBursts(List<String> lines, int perWrite, String ifStalled) {
        try {
            for (int from = 0; from < lines.size(); from += perWrite) {
                StringBuilder burst = new StringBuilder();
                lines.subList(from, Math.min(lines.size(), from + perWrite)).forEach(line -> burst.append(line).append('\n'));
                sendRaw(burst.toString());
            }
        } catch (GradingFailure failure) {
            throw failure.symptom() == Symptom.SEND_STALLED ? failure.withHint(ifStalled) : failure;
        }
        return this;
    }

    /**
     * Sends bytes exactly as given, in one write (one segment, as TCP_NODELAY is on). The write
     * is bounded like every wait: if the program does not read for a whole {@link Waits#event()},
     * the connection is closed and the test fails, naming that.
     */
    LinePeer sendRaw(byte[] bytes) {
        transcript.data(name, program, bytes);
        for (byte b : bytes) {
            sentNewline |= b == '\n';
        }
        logSent(bytes);
        write(bytes, null);
        return this;
    }

    /**
     * Sends {@code line} and its {@code \n} in pieces, each cut inside a multi-byte character
     * at a different byte ({@link Utf8Cuts}), running {@code betweenPieces} after each piece but
     * the last (typically an {@code expectNothing}, which also keeps the pieces apart on the wire).
     */
    public LinePeer sendCutInsideCharacters(String line, Runnable betweenPieces) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        sentLines.record(line, name);
        int from = 0;
        for (int cut : Utf8Cuts.insideEachCharacter(bytes)) {
            sendRaw(Arrays.copyOfRange(bytes, from, cut));
            betweenPieces.run();
            from = cut;
        }
        return sendRaw(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /**
     * Sends a large amount of data while this peer reads nothing (see
     * {@link ServerUnderTest#connectNotReading}), so that the program's replies pile up; the
     * moment a write cannot go on (the program stopped reading because this peer does not), this
     * peer starts reading, as a slow client finally would. Every write stays bounded.
     */
    public LinePeer sendWhileNotReading(byte[] bytes, String what) {
        transcript.data(name, program, ("(" + what + ", " + bytes.length + " bytes in all)").getBytes(StandardCharsets.UTF_8));
        logSent("(too long to replay by hand)".getBytes(StandardCharsets.UTF_8));
        for (int from = 0; from < bytes.length; from += FLOOD_CHUNK) {
            write(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + FLOOD_CHUNK)), this::resumeReadingBlocked);
        }
        return this;
    }

    /**
     * A peer that stopped reading stays away a while longer (the scaled held-up time, 2 s)
     * before it reads again: once its own sending has ended, what the program sends meanwhile
     * must pile up, whatever the program's receive buffer absorbed of it. Without this pause a
     * program whose kernel took the whole flood at once would still be echoing when the peer
     * came back, and a reply lost to a full send buffer could never happen. Ends early if the
     * program closes the connection.
     */
    public LinePeer staysAwayAWhile() {
        if (!isReading()) {
            transcript.event(Transcript.Kind.NOTE, name, name + " stays away " + Waits.human(waits.heldUp())
                    + " more before reading what piled up");
            try {
                waits.await(program + " to close the connection to " + name, waits.heldUp()).until(inbox::isEnded);
            } catch (ConditionTimeoutException stillOpenAsExpected) {
                // The pause is over: the program kept the connection, as it should.
            }
        }
        return this;
    }

    private void resumeReadingBlocked() {
        if (!isReading()) {
            transcript.event(Transcript.Kind.NOTE, name, name + " could not send more: " + program + " stopped reading"
                    + " while its replies piled up; " + name + " starts reading now");
            resumeReading();
        }
    }

    private void logSent(byte[] bytes) {
        synchronized (sentLog) {
            if (!sentLogFull && sentLog.size() + bytes.length <= SENT_LOG_LIMIT) {
                sentLog.writeBytes(bytes);
            } else if (!sentLogFull) {
                sentLogFull = true;
                sentLog.reset();
            }
        }
    }

    /**
     * One bounded write. {@code whenSlow}, if given, runs once the write has been held up for
     * {@link Waits#heldUp()}; after a whole event wait the connection is closed, which ends the write.
     */
    private void write(byte[] bytes, Runnable whenSlow) {
        try (Waits.Deadline slow = whenSlow == null ? () -> { } : waits.deadline(waits.heldUp(), whenSlow);
             Waits.Deadline stop = waits.deadline(waits.write(), this::stall)) {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (stalled) {
                transcript.event(Transcript.Kind.SEND_FAILED, name, name + " could not send for "
                        + Waits.human(waits.write()) + "; the grader closed the connection");
                throw GradingFailure.because(program + " stopped reading " + name + "'s lines: " + name + "'s sending"
                                + " stalled for " + Waits.human(waits.write()) + ".")
                        .hint(Hints.STOPPED_READING)
                        .symptom(Symptom.SEND_STALLED)
                        .build();
            }
            transcript.event(Transcript.Kind.SEND_FAILED, name, name + " could not send: " + e.getMessage());
            boolean answered = !received().isEmpty();
            throw GradingFailure.because(name + " could not send to " + program + ": the connection was already"
                            + " closed or reset (" + e.getMessage() + ")" + (answered ? ", after " + program + " answered "
                            + received().size() + " line" + (received().size() == 1 ? "" : "s") : "") + ".")
                    .hint(answered ? Hints.SERVE_UNTIL_THE_CLIENT_LEAVES : program + " closed this connection too"
                            + " early. Keep reading until the peer closes (readLine() returns null), and do not close a"
                            + " socket while its client is still talking.")
                    .symptom(Symptom.SEND_FAILED)
                    .build();
        }
    }

    private void stall() {
        stalled = true;
        closedByUs = true;
        closeQuietly(socket);
    }

    /**
     * Lets {@code line} reach this peer once, before the next line an expectation takes, unseen
     * by every expectation: for a race the protocol allows, such as an earlier member's own
     * {@code joined!} announcement that the server sent a moment after this peer joined. It
     * still shows in the transcript.
     */
    public LinePeer tolerateOnce(String line) {
        inbox.tolerateOnce(line.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** From now on this peer reads nothing: what the program sends piles up (a frozen client). */
    public LinePeer stopReading() {
        synchronized (readGate) {
            reading = false;
        }
        transcript.event(Transcript.Kind.NOTE, name, name + " stops reading");
        return this;
    }

    /** This peer reads again what the program sent meanwhile. */
    public LinePeer resumeReading() {
        synchronized (readGate) {
            reading = true;
            readGate.notifyAll();
        }
        return this;
    }

    private boolean isReading() {
        synchronized (readGate) {
            return reading;
        }
    }

    /**
     * Waits for the next line and checks it is exactly {@code expected}.
     *
     * @param why  what the line proves, e.g. "the echo of the line C1 sent"
     * @param hint the likely bug when it does not come
     */
    public LinePeer expectLine(String expected, String why, String hint, KnownMistake... mistakes) {
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        byte[] got = nextLineBytes(Visible.of(withNewline(want)), why, hint);
        if (!Arrays.equals(want, got)) {
            throw mismatch(expected, new String(got, StandardCharsets.UTF_8), why, hint, mistakes);
        }
        return this;
    }

    /**
     * The failure for {@code got} arriving where {@code expected} was due, naming the bug as
     * precisely as the evidence allows: a mistake the test knows, a line that was another
     * peer's, or a classic shape ({@code \r\n}, charset damage, a line cut at a read).
     * For tests that take lines themselves ({@link #nextLine}) and judge them.
     */
    public GradingFailure mismatch(String expected, String got, String why, String hint, KnownMistake... mistakes) {
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        byte[] gotBytes = got.getBytes(StandardCharsets.UTF_8);
        for (KnownMistake mistake : mistakes) {
            if (mistake.matches().test(got)) {
                return GradingFailure.because(mistake.headline()).expected(Visible.of(withNewline(want)))
                        .actual(Visible.of(withNewline(gotBytes)) + ", received by " + name).hint(mistake.hint())
                        .symptom(Symptom.WRONG_LINE).build();
            }
        }
        Optional<String> sender = sentLines.senderOf(got).filter(other -> !other.equals(name));
        if (sender.isPresent()) {
            return GradingFailure.because(name + " received the line that " + sender.get() + " sent: " + program
                            + " mixed up its clients.")
                    .expected(Visible.of(withNewline(want)))
                    .actual(Visible.of(withNewline(gotBytes)))
                    .hint(Hints.OWN_STREAMS)
                    .symptom(Symptom.CROSS_TALK)
                    .build();
        }
        return GradingFailure.because(name + " expected " + why + ", but " + program + " sent a different line.")
                .expected(Visible.of(withNewline(want)))
                .actual(Visible.of(withNewline(gotBytes)) + byteHint(want, gotBytes))
                .hint(Diagnosis.of(want, gotBytes).orElse(hint))
                .symptom(Symptom.WRONG_LINE)
                .build();
    }

    /**
     * Waits for the next line and returns it as text, for tests that check its shape; fails at
     * once, naming the bug, if one of {@code mistakes} recognises it.
     */
    public String nextLine(String why, String hint, KnownMistake... mistakes) {
        String line = new String(nextLineBytes(null, why, hint), StandardCharsets.UTF_8);
        failOnKnownMistake(line, why, mistakes);
        return line;
    }

    private void failOnKnownMistake(String got, String expected, KnownMistake... mistakes) {
        for (KnownMistake mistake : mistakes) {
            if (mistake.matches().test(got)) {
                throw GradingFailure.because(mistake.headline()).expected(expected)
                        .actual(Visible.of(got + "\n") + ", received by " + name).hint(mistake.hint())
                        .symptom(Symptom.WRONG_LINE).build();
            }
        }
    }

    /** Lines that arrived and no expectation took yet, as text, without taking them. */
    public List<String> pendingLines() {
        return inbox.pending().stream().map(line -> new String(line, StandardCharsets.UTF_8)).toList();
    }

    /** Returns the next line if one has already arrived, without waiting. */
    public Optional<String> pollLine() {
        byte[] line = inbox.poll();
        if (line == null) {
            return Optional.empty();
        }
        String text = new String(line, StandardCharsets.UTF_8);
        synchronized (received) {
            received.add(text);
        }
        return Optional.of(text);
    }

    private byte[] nextLineBytes(String expectedRendering, String why, String hint) {
        Duration limit = waits.event();
        try {
            waits.await(name + " to receive " + why, limit).until(() -> inbox.hasLine() || inbox.isEnded() || inbox.overflowed());
        } catch (ConditionTimeoutException e) {
            byte[] partial = inbox.unterminated();
            if (partial.length > 0) {
                throw GradingFailure.because(name + " expected " + why + ", but after " + Waits.human(limit) + " the line"
                                + " from " + program + " was still missing its \\n.")
                        .expected(expectedRendering)
                        .actual(Visible.of(partial) + " with no \\n at the end")
                        .hint("End every line you send with \\n, and flush. Without the \\n the other side cannot know the"
                                + " line is complete: print(line + \"\\n\") then flush(), or a PrintWriter with autoFlush and println.")
                        .symptom(Symptom.NO_NEWLINE)
                        .build();
            }
            throw GradingFailure.because(name + " expected " + why + ", but " + program + " sent nothing for "
                            + Waits.human(limit) + ".")
                    .expected(expectedRendering)
                    .actual("nothing")
                    .hint(inbox.receivedBytes() == 0 ? Hints.nothingAtAll(hint) : hint)
                    .symptom(Symptom.NOTHING_RECEIVED)
                    .build();
        }
        byte[] line = inbox.poll();
        if (line == null) {
            throw endedInstead(expectedRendering, why, hint);
        }
        synchronized (received) {
            received.add(new String(line, StandardCharsets.UTF_8));
        }
        return line;
    }

    private GradingFailure endedInstead(String expectedRendering, String why, String hint) {
        if (inbox.overflowed()) {
            return GradingFailure.because(program + " sent " + name + " more than " + (INBOX_LIMIT >> 20)
                    + " MiB without the line the test was waiting for (" + why + ").").hint(hint)
                    .symptom(Symptom.FLOODED).build();
        }
        byte[] partial = inbox.unterminated();
        String ending = inbox.endReason() == null ? "closed the connection" : "reset the connection (" + inbox.endReason() + ")";
        if (partial.length > 0) {
            return GradingFailure.because(name + " expected " + why + ", but " + program + " sent it without its \\n and"
                            + " then " + ending + ".")
                    .expected(expectedRendering)
                    .actual(Visible.of(partial) + " with no \\n, then the connection ended")
                    .hint("End every line you send with \\n, the last one too: the other side reads whole lines.")
                    .symptom(Symptom.NO_NEWLINE)
                    .build();
        }
        boolean answeredThenClosed = inbox.endReason() == null && !outputShut && !received().isEmpty();
        return GradingFailure.because(name + " expected " + why + ", but " + program + " " + ending + " instead"
                        + (answeredThenClosed ? ", after answering " + received().size() + " line"
                        + (received().size() == 1 ? "" : "s") + "." : "."))
                .expected(expectedRendering)
                .actual("nothing; the connection " + (inbox.endReason() == null ? "was closed" : "was reset"))
                .hint(answeredThenClosed ? Hints.SERVE_UNTIL_THE_CLIENT_LEAVES : inbox.endReason() == null ? hint
                        + " Check also that your program does not close the client's socket (or crash) too early: its"
                        + " output is below." : hint)
                .symptom(Symptom.CONNECTION_ENDED)
                .build();
    }

    /**
     * Checks that nothing arrives for a short, scaled moment: for what must not be sent
     * (an echo of a partial line, a line back to its own sender).
     */
    public LinePeer expectNothing(String mustNotHappen, String hint) {
        return expectNothingFor(waits.quiet(), mustNotHappen, hint);
    }

    /** {@link #expectNothing} with an explicit quiet period (already scaled by the caller). */
    public LinePeer expectNothingFor(Duration quiet, String mustNotHappen, String hint) {
        try {
            // Ends early, and fails, the moment anything arrives; a timeout is the good outcome.
            waits.await(name + " to receive anything", quiet)
                    .until(() -> inbox.hasLine() || inbox.unterminated().length > 0);
        } catch (ConditionTimeoutException quietAsExpected) {
            return this;
        }
        return assertNothingPending(mustNotHappen, hint);
    }

    /** Fails if anything has arrived that no expectation took yet. */
    LinePeer assertNothingPending(String mustNotHappen, String hint) {
        byte[] line = inbox.poll();
        byte[] partial = inbox.unterminated();
        if (line != null || partial.length > 0) {
            byte[] what = line != null ? withNewline(line) : partial;
            throw GradingFailure.because(program + " sent " + name + " something it should not have: " + mustNotHappen + ".")
                    .expected("nothing")
                    .actual(Visible.of(what))
                    .hint(hint)
                    .symptom(Symptom.UNEXPECTED_DATA)
                    .build();
        }
        return this;
    }

    /** Waits until the program closes this connection, with nothing more sent before. */
    public LinePeer expectClosed(String why, String hint) {
        Duration limit = waits.event();
        try {
            waits.await(program + " to close the connection to " + name, limit)
                    .until(() -> inbox.hasLine() || inbox.isEnded());
        } catch (ConditionTimeoutException e) {
            throw GradingFailure.because(name + " waited " + Waits.human(limit) + " for " + program
                    + " to close the connection (" + why + "), but it stayed open.").hint(hint)
                    .symptom(Symptom.STAYED_OPEN).build();
        }
        assertNothingPending("more data before closing", hint);
        return this;
    }

    /** Half-close: "I will send nothing more", while still reading (SPEC §2's final line). */
    public LinePeer shutdownOutput() {
        try {
            if (!outputShut) {
                outputShut = true;
                socket.shutdownOutput();
                transcript.event(Transcript.Kind.HALF_CLOSED, name, name + " shut down its sending side (half-close)");
            }
        } catch (IOException e) {
            transcript.note(name + " could not half-close: " + e.getMessage());
        }
        return this;
    }

    /** Aborts the connection with a TCP reset, as a crashed or killed client would. */
    public void reset() {
        try {
            closedByUs = true;
            socket.setSoLinger(true, 0);
            socket.close();
            transcript.event(Transcript.Kind.RESET, name, name + " reset the connection (RST)");
        } catch (IOException e) {
            transcript.note(name + " reset failed: " + e.getMessage());
        }
    }

    /** Whether nothing at all has arrived on this connection yet. */
    boolean receivedNothing() {
        return inbox.receivedBytes() == 0;
    }

    /**
     * Half-closes this connection and waits, at most {@code limit}, for anything to arrive:
     * whether a program that sent nothing was only keeping its replies in a buffer, which a
     * program flushes when it closes the connection.
     */
    boolean anythingAfterHalfClose(Duration limit) {
        if (!isOpenBothWays()) {
            return false;
        }
        shutdownOutput();
        try {
            waits.await("anything to arrive after the half-close", limit)
                    .until(() -> inbox.receivedBytes() > 0 || inbox.isEnded());
        } catch (ConditionTimeoutException nothing) {
            return false;
        }
        return inbox.receivedBytes() > 0;
    }

    /** Whether neither side has closed this connection yet (nor half-closed it). */
    public boolean isOpenBothWays() {
        return !inbox.isEnded() && !socket.isClosed() && !socket.isOutputShutdown();
    }

    /** Whether the program has closed or reset this connection. */
    public boolean isClosedByProgram() {
        return inbox.isEnded();
    }

    /** The bytes this peer sent, for a replay command; empty when they were too many to type. */
    Optional<byte[]> replayableBytes() {
        synchronized (sentLog) {
            return sentLogFull ? Optional.empty() : Optional.of(sentLog.toByteArray());
        }
    }

    /** Whether this peer sent at least one whole line (ended by {@code \n}). */
    boolean sentAWholeLine() {
        return sentNewline;
    }

    /** Whether this peer sent anything at all. */
    boolean sentAnything() {
        synchronized (sentLog) {
            return sentLogFull || sentLog.size() > 0;
        }
    }

    /** Every line taken from this peer's inbox so far, in order. */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Closes the connection normally (FIN). Safe to call twice. */
    @Override
    public void close() {
        if (!closedByUs && !socket.isClosed()) {
            closedByUs = true;
            transcript.event(Transcript.Kind.CLOSED_BY_GRADER, name, name + " closed the connection");
        }
        closedByUs = true;
        closeQuietly(socket);
        resumeReading();
    }

    private void readUntilEnd() {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while (awaitReading() && (n = in.read(buffer)) != -1) {
                inbox.accept(buffer, 0, n);
            }
            recordUnterminated();
            inbox.end(null);
            if (!closedByUs) {
                transcript.event(Transcript.Kind.CLOSED_BY_PROGRAM, program, program + " closed the connection to " + name);
            }
        } catch (IOException e) {
            recordUnterminated();
            String reason = e instanceof SocketException && closedByUs ? "closed by the grader" : e.getMessage();
            inbox.end(reason == null ? "error" : reason);
            if (!closedByUs) {
                transcript.event(Transcript.Kind.ENDED, program, "connection to " + name + " ended: " + reason);
            }
        }
    }

    /**
     * Holds the reader while the test keeps this peer from reading. Not a bounded wait, and
     * needs none: the reader is a daemon thread, and closing the peer releases it.
     */
    private boolean awaitReading() throws java.io.InterruptedIOException {
        synchronized (readGate) {
            while (!reading && !socket.isClosed()) {
                try {
                    readGate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
        }
        return true;
    }

    private void recordUnterminated() {
        byte[] partial = inbox.unterminated();
        if (partial.length > 0) {
            transcript.data(program, name, partial);
        }
    }

    /** Hex bytes under a mismatch of non-ASCII text, where two renderings can look alike. */
    private static String byteHint(byte[] want, byte[] got) {
        boolean nonAscii = hasNonAscii(want) || hasNonAscii(got);
        if (!nonAscii || want.length > 48) {
            return "";
        }
        return "\n  (bytes expected: " + Visible.hex(want, 48) + "\n   bytes received: " + Visible.hex(got, 48) + ")";
    }

    private static boolean hasNonAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    static byte[] withNewline(byte[] line) {
        byte[] out = Arrays.copyOf(line, line.length + 1);
        out[line.length] = '\n';
        return out;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the connection is being thrown away.
        }
    }

    /**
     * Sends {@code line} where the program may rightly have closed the connection already (a
     * client that exits on ERROR, as SPEC §5 asks, before the NICK that follows it): a failed
     * write is noted in the transcript, not blamed on the program. The test checks what matters.
     */
    public LinePeer sendUnlessClosed(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        transcript.data(name, program, bytes);
        logSent(bytes);
        try {
            write(bytes, null);
        } catch (GradingFailure closed) {
            if (closed.symptom() != Symptom.SEND_FAILED) {
                throw closed;
            }
            transcript.note(program + " had already closed the connection, as it may here: not a fault");
        }
        return this;
    }
}
