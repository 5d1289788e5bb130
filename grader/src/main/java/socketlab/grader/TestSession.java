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
    /** How long a test waits for a line once its program is known to keep its replies. */
    private static final java.time.Duration SHORT_EVENT = java.time.Duration.ofMillis(500);

    private final RunContext run;
    private final String name;
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

    TestSession(RunContext run, Lab lab, Role role, String testId, String displayName) {
        this.run = run;
        this.lab = lab;
        this.role = role;
        this.name = lab.tag() + " " + role.tag() + ": " + displayName;
        GraderConfig config = run.config();
        this.seed = config.seed();
        Waits full = new Waits(config.timeoutScale());
        boolean keepsReplies = run.causes().of(lab, role).map(SharedCause.Found::kind)
                .filter(kind -> kind == SharedCause.Kind.NEVER_FLUSHES || kind == SharedCause.Kind.NEVER_ANSWERS)
                .isPresent();
        this.waits = keepsReplies ? full.withShortEvents(SHORT_EVENT) : full;
        this.payloads = new Payloads(config.seed() * 31 + testId.hashCode());
    }

    /** The test's name as the score table shows it, e.g. "lab01 server: a line you send comes back". */
    String name() {
        return name;
    }

    /** The causes this run has already found for whole roles. */
    SharedCause causes() {
        return run.causes();
    }

    Lab lab() {
        return lab;
    }

    Role role() {
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
    String programLabel() {
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

    /** The language of the program under test, as its command shows it (the kit's sources are Java). */
    Language language() {
        return Language.of(config().command(lab, role).map(CommandLine::split).orElse(List.of()), isJavaSources());
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
        StudentProcess process = run.launch(() -> StudentProcess.start(command, description, config().root(),
                programLabel(), transcript, recordStdout, run.sandbox()));
        processes.add(process);
        own(() -> {
            process.close();
            run.ended(process);
        });
        return process;
    }

    /**
     * Fails a test whose program hit a sandbox limit (too many processes, too much memory),
     * even if the exchange itself went right: a fork bomb that also echoes is still a bug.
     */
    void checkLimits() {
        limitBreach().ifPresent(breach -> {
            throw GradingFailure.because(breach).build();
        });
    }

    /** The first sandbox limit one of this test's programs hit, as a student reads it. */
    Optional<String> limitBreach() {
        return processes.stream().map(StudentProcess::limitBreach).flatMap(Optional::stream).findFirst();
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
        return new FailureReport(this).render(failure);
    }

    /** The programs this test started, oldest first. */
    List<StudentProcess> processes() {
        return List.copyOf(processes);
    }

    /** The connections this test opened to the program, oldest first. */
    List<LinePeer> peers() {
        return List.copyOf(peers);
    }

    long seed() {
        return seed;
    }

    Optional<String> replayOverride() {
        return Optional.ofNullable(replayOverride);
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
