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
        StudentProcess process = StudentProcess.start(command, config().root(), programLabel(), transcript, recordStdout);
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

    LinePeer own(LinePeer peer) {
        peers.add(peer);
        own((AutoCloseable) peer);
        return peer;
    }

    synchronized void own(AutoCloseable resource) {
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
        StringBuilder out = new StringBuilder(headline(failure));
        processes.stream().filter(p -> role == Role.SERVER && !p.isAlive()).findFirst().ifPresent(p ->
                out.append("\n\nNote: ").append(programLabel()).append(" crashed: it exited (status ")
                        .append(p.exitStatus().orElse(-1)).append(") during the test. The end of its stderr below says"
                                + " why, usually with an exception nothing caught."));
        replayCommand().ifPresent(replay -> out.append("\n\n").append(replay));
        out.append("\n\nTranscript (milliseconds since the test began; \"->\" shows who sent what):\n")
                .append(transcript.render());
        for (StudentProcess process : processes) {
            out.append("\n\n").append(process.outputReport());
        }
        out.append("\n\nRandom payloads of this run came from -Dgrader.seed=").append(seed)
                .append(" (add it to the command to replay exactly this run).");
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

    /** How to replay a server test by hand with nc: one line per connection that sent something. */
    private Optional<String> replayCommand() {
        if (role == Role.CLIENT) {
            String run = isJavaSources() ? "java " + lab.sourceFile(role) + " 127.0.0.1 " + lab.defaultPort()
                    : "your client with 127.0.0.1 " + lab.defaultPort();
            return Optional.of("Try it by hand: play the server yourself with `nc -l " + lab.defaultPort() + "` in one"
                    + " terminal; in another run " + run + ". Type in each terminal what the transcript shows that side"
                    + " sending.");
        }
        if (peers.isEmpty()) {
            return Optional.empty();
        }
        String start = isJavaSources() ? "java " + lab.sourceFile(role) + " " + lab.defaultPort()
                : "your server on port " + lab.defaultPort();
        StringBuilder out = new StringBuilder("Try it by hand: start " + start + ", then in another terminal run");
        List<LinePeer> senders = peers.stream().filter(p -> p.sentBytes().length > 0).limit(3).toList();
        if (senders.isEmpty()) {
            out.append(": nc 127.0.0.1 ").append(lab.defaultPort());
            return Optional.of(out.toString());
        }
        out.append(senders.size() > 1 ? " (one terminal per connection):" : ":");
        for (LinePeer peer : senders) {
            String bytes = new String(peer.sentBytes(), java.nio.charset.StandardCharsets.UTF_8);
            out.append("\n  ").append(bytes.startsWith("(too long") ? peer.name() + ": " + bytes
                    : "printf '" + Visible.forPrintf(peer.sentBytes()) + "' | nc 127.0.0.1 " + lab.defaultPort());
        }
        return Optional.of(out.toString());
    }

    /** Closes every connection and kills every process, newest first. Never throws. */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                transcript.event("cleanup problem: " + e);
            }
        }
    }
}
