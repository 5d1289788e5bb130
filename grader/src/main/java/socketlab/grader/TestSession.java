package socketlab.grader;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one graded test owns: its transcript, its waits, its random payloads, and
 * every process, connection and listener it opened. It lives in the test's JUnit store and
 * is closed when the test ends, passed or failed, which kills the processes and closes the
 * sockets; it also writes the failure report a student reads.
 */
public final class TestSession implements AutoCloseable {
    private final RunContext run;
    private final Lab lab;
    private final Role role;
    private final long seed;
    private final Transcript transcript = new Transcript();
    private final Waits waits;
    private final Payloads payloads;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<StudentProcess> processes = new ArrayList<>();
    private final List<LinePeer> peers = new ArrayList<>();
    private final SentLines sentLines = new SentLines();
    private String replayOverride;

    TestSession(RunContext run, Lab lab, Role role, String testId) {
        this.run = run;
        this.lab = lab;
        this.role = role;
        GraderConfig config = run.config();
        this.seed = config.seed();
        this.waits = new Waits(config.timeoutScale());
        this.payloads = new Payloads(config.seed() * 31 + testId.hashCode());
    }

    public Lab lab() {
        return lab;
    }

    public Role role() {
        return role;
    }

    public Transcript transcript() {
        return transcript;
    }

    public Waits waits() {
        return waits;
    }

    public Payloads payloads() {
        return payloads;
    }

    GraderConfig config() {
        return run.config();
    }

    /** "your server" or "your client": how messages name the program under test. */
    public String programLabel() {
        return "your " + role.tag();
    }

    /**
     * The command that runs {@code role} of this lab: the compiled Java sources of the
     * target, or the {@code -Dgrader.labNN.role} command with its placeholders filled.
     */
    List<String> command(Map<String, String> placeholders, List<String> javaArguments) {
        Optional<String> override = config().command(lab, role);
        if (override.isPresent()) {
            return CommandLine.fill(CommandLine.split(override.get()), placeholders);
        }
        Path classes = run.classesOf(lab);
        List<String> words = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classes.toString(), lab.mainClass(role)));
        words.addAll(CommandLine.fill(javaArguments, placeholders));
        return words;
    }

    /** Whether the program is the kit's Java sources (not a command given with -D). */
    boolean isJavaSources() {
        return config().command(lab, role).isEmpty();
    }

    /** Starts a program and owns it: it is killed when the test ends. */
    StudentProcess start(List<String> command, boolean recordStdout) {
        String description = isJavaSources()
                ? "java " + String.join(" ", command.subList(command.indexOf(lab.mainClass(role)), command.size()))
                        + " (compiled from " + lab.module() + ", default charset US-ASCII)"
                : String.join(" ", command);
        StudentProcess process = StudentProcess.start(command, description, config().root(), programLabel(), transcript,
                recordStdout);
        run.started(process);
        processes.add(process);
        own(() -> {
            process.close();
            run.ended(process);
        });
        return process;
    }

    /** Stops a program early, e.g. to retry on another port. */
    void discard(StudentProcess process) {
        process.close();
        run.ended(process);
    }

    /** Who sent which line in this test, shared by its peers. */
    SentLines sentLines() {
        return sentLines;
    }

    LinePeer own(LinePeer peer) {
        peers.add(peer);
        own((AutoCloseable) peer);
        return peer;
    }

    /** Makes the session close {@code resource} when the test ends, passed or failed (e.g. a raw socket). */
    public synchronized void own(AutoCloseable resource) {
        resources.push(resource);
    }

    /** The full report for a failed test: the failure, then everything that explains it. */
    String report(Throwable failure) {
        // A program that is failing is often dying (an exception escaped main): give it a
        // moment to exit and finish writing stderr, so the report can say what killed it.
        processes.forEach(StudentProcess::settleBeforeReport);
        Optional<StudentProcess.NotImplemented> stub = processes.stream()
                .map(StudentProcess::notImplemented).flatMap(Optional::stream).findFirst();
        if (stub.isPresent()) {
            return notImplemented(stub.get(), failure);
        }
        Optional<StudentProcess> crashed = processes.stream().filter(p -> role == Role.SERVER && !p.isAlive()).findFirst();
        StringBuilder out = new StringBuilder(crashed.isPresent() ? crashReport(crashed.get(), failure) : headline(failure));
        replayCommand().ifPresent(replay -> out.append("\n\n").append(replay));
        out.append("\n\nTranscript (milliseconds since the test began; \"->\" shows who sent what):\n")
                .append(transcript.render());
        for (StudentProcess process : processes) {
            out.append("\n\n").append(process.outputReport());
        }
        out.append("\n\nReplay this exact run (same random payloads): add -Dgrader.seed=").append(seed);
        return out.toString();
    }

    /** A server that died mid-test: that is the news, whatever the peers saw afterwards. */
    private String crashReport(StudentProcess server, Throwable failure) {
        StringBuilder out = new StringBuilder("Your server crashed: it exited (status ")
                .append(server.exitStatus().orElse(-1)).append(") during the test, so the test could not go on.\n")
                .append("What the test saw: ").append(firstLine(headline(failure)));
        out.append("\n\nHint: read the end of its stderr below: the exception, and the line of your code it names. A"
                + " client that resets or vanishes must end only its own conversation: catch IOException around the work"
                + " with one client, log it, and carry on.");
        return out.toString();
    }

    private String notImplemented(StudentProcess.NotImplemented stub, Throwable failure) {
        return "Not implemented yet: see step " + stub.step() + " of the handout (" + lab.handout() + ")"
                + (stub.todo().isEmpty() ? "." : ": " + stub.todo())
                + "\n\n" + programLabel().substring(0, 1).toUpperCase() + programLabel().substring(1)
                + " stopped on the UnsupportedOperationException that the starter code throws until you write that step"
                + " (in " + lab.sourceFile(role) + ").\nWhat the test saw: " + firstLine(headline(failure));
    }

    private static String headline(Throwable failure) {
        if (failure instanceof GradingFailure grading) {
            return grading.summary();
        }
        if (failure instanceof GraderSetupException || failure instanceof AssertionError) {
            return String.valueOf(failure.getMessage());
        }
        return "The grader hit an unexpected error: " + failure + "\n  at " + (failure.getStackTrace().length > 0
                ? failure.getStackTrace()[0] : "?") + "\nThis is a bug in the grader or its test; please report it with"
                + " this whole message.";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** The programs this test started, in order (the report page shows each one's output). */
    List<StudentProcess> processes() {
        return List.copyOf(processes);
    }

    /** How to replay a test by hand: nc plays the other side. */
    Optional<String> replayCommand() {
        if (replayOverride != null) {
            return Optional.of(replayOverride);
        }
        String run = isJavaSources()
                ? "java -Dfile.encoding=US-ASCII " + lab.sourceFile(role) + " " + (role == Role.SERVER ? "" : "127.0.0.1 ")
                        + lab.defaultPort() + "   (US-ASCII as the grader runs it, so charset bugs show)"
                : role == Role.SERVER ? "your server on port " + lab.defaultPort()
                        : "your client against 127.0.0.1 port " + lab.defaultPort();
        if (role == Role.CLIENT) {
            return Optional.of("Try it by hand: in one terminal play the server with  nc -l " + lab.defaultPort()
                    + "\n  in another run  " + run + "\n  then type, in each terminal, the lines the transcript shows"
                    + " that side sending.");
        }
        if (peers.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("Try it by hand: in one terminal run  " + run + "\n  then in another");
        if (peers.size() > 4) {
            return Optional.of(out.append(" connect a few clients with  nc 127.0.0.1 ").append(lab.defaultPort())
                    .append("  (this test opened ").append(peers.size()).append(" connections, too many to type).")
                    .toString());
        }
        List<LinePeer> senders = peers.stream().filter(p -> p.sentBytes().length > 0).toList();
        if (senders.isEmpty()) {
            return Optional.of(out.append(":  nc 127.0.0.1 ").append(lab.defaultPort()).toString());
        }
        out.append(senders.size() > 1 ? " (one terminal per connection, add | od -c to see every byte):"
                : " (add | od -c to see every byte):");
        for (LinePeer peer : senders) {
            String bytes = new String(peer.sentBytes(), java.nio.charset.StandardCharsets.UTF_8);
            out.append("\n  ").append(bytes.startsWith("(too long") ? peer.name() + " sent more than fits on a command"
                    + " line; see the transcript"
                    : "printf '" + Visible.forPrintf(peer.sentBytes()) + "' | nc -N 127.0.0.1 " + lab.defaultPort());
        }
        if (transcript.has(Transcript.Kind.RESET)) {
            out.append("\n  (nc cannot reset a connection; where the transcript shows a reset, stop nc with Ctrl-C.)");
        }
        return Optional.of(out.toString());
    }

    /** A test whose exchange the generic replay does not fit says how to try it instead. */
    void replayBy(String text) {
        this.replayOverride = text;
    }

    /** Closes every connection and kills every process, newest first. Never throws. */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                transcript.note("cleanup problem: " + e);
            }
        }
    }
}
