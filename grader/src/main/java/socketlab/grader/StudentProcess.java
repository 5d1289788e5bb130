package socketlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One program under test, running as its own operating-system process. Its stdout and
 * stderr are drained continuously on their own threads (a program that prints gigabytes
 * never blocks, and only a tail is kept); {@link #close()} kills it and every child it
 * started, whatever they do with signals, and waits until they are gone.
 */
public final class StudentProcess implements AutoCloseable {
    /**
     * Every JVM the grader starts gets these: the platform charset forced to US-ASCII, so a
     * program that relies on it instead of naming UTF-8 fails on every JDK (on 18+ the default
     * is UTF-8 otherwise), while System.out and System.err stay UTF-8 so correct programs print
     * correctly. JDK_JAVA_OPTIONS reaches {@code java} also when it is started by a command.
     */
    static final String JAVA_OPTIONS = "-Dfile.encoding=US-ASCII"
            + " -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8"
            + " -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8";
    /** The JVM's note that it read JDK_JAVA_OPTIONS: noise in a student's stderr. */
    private static final String JAVA_OPTIONS_NOTE = "NOTE: Picked up JDK_JAVA_OPTIONS";
    private static final Pattern NOT_IMPLEMENTED = Pattern.compile(
            "UnsupportedOperationException: (step (\\d+) of the handout: ?(.*))");
    /** What a program's stdout inbox keeps at most (client tests read it line by line). */
    private static final long STDOUT_LIMIT = 16L << 20;

    private final String label;
    private final Process process;
    private final OutputTail stdoutTail = new OutputTail();
    private final OutputTail stderrTail = new OutputTail();
    private final LineInbox stdoutLines;
    private final List<Thread> drains = new ArrayList<>();
    private final Transcript transcript;
    private final Confinement confinement;
    private volatile boolean closing;

    private StudentProcess(String label, Process process, Transcript transcript, boolean recordStdout,
                           Confinement confinement) {
        this.label = label;
        this.process = process;
        this.transcript = transcript;
        this.confinement = confinement;
        // Only a client's stdout is part of the protocol; a server's is a log, of which the tail is enough.
        this.stdoutLines = recordStdout
                ? new LineInbox(STDOUT_LIMIT, line -> transcript.data(label, "stdout", LinePeer.withNewline(line)))
                : null;
        drains.add(drain(process.getInputStream(), stdoutTail, stdoutLines, "stdout"));
        drains.add(drain(process.getErrorStream(), stderrTail, null, "stderr"));
        process.onExit().thenRun(() -> {
            if (!closing) {
                transcript.event(Transcript.Kind.EXITED, label, label + " exited with status " + process.exitValue());
            }
        });
    }

    /**
     * Starts {@code command} in {@code directory}, inside the run's sandbox, with a short
     * description of the command for the transcript.
     *
     * @param label        how messages call the program, e.g. "your server"
     * @param recordStdout whether each stdout line goes into the transcript (clients: yes,
     *                     their stdout is part of the protocol; servers: no, it is a log)
     */
    static StudentProcess start(List<String> command, String description, Path directory, String label,
                                Transcript transcript, boolean recordStdout, Sandbox sandbox) {
        Confinement confinement = sandbox.confine(command, directory);
        ProcessBuilder builder = new ProcessBuilder(confinement.command()).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        String inherited = environment.getOrDefault("JDK_JAVA_OPTIONS", "");
        environment.put("JDK_JAVA_OPTIONS", (inherited + " " + JAVA_OPTIONS).trim());
        environment.putAll(confinement.environment());
        try {
            Process process = builder.start();
            transcript.event(Transcript.Kind.STARTED, label, "the grader started " + label + ": " + description);
            return new StudentProcess(label, process, transcript, recordStdout, confinement);
        } catch (IOException e) {
            confinement.release();
            throw GradingFailure.because("The grader could not start " + label + ": " + e.getMessage() + ".")
                    .hint("Check the command: " + String.join(" ", command) + " (the first word must be a program on"
                            + " the PATH or a path relative to " + directory + ").")
                    .build();
        }
    }

    private Thread drain(InputStream stream, OutputTail tail, LineInbox lines, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) != -1) {
                    tail.accept(buffer, 0, n);
                    if (lines != null) {
                        lines.accept(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The process is gone or being killed; what was read is kept.
            } finally {
                if (lines != null) {
                    lines.end(null);
                }
            }
        }, "grader-" + name + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether the program (or a process it started) is still using the processor: sampled
     * twice, {@code window} apart. A program that is only slow to start on a loaded machine is
     * busy; one blocked before accept(), reading stdin or asleep, is not.
     */
    boolean isBusy(Duration window) {
        Duration before = cpuTime();
        try {
            process.onExit().get(window.toNanos(), TimeUnit.NANOSECONDS);
            return false;
        } catch (TimeoutException stillRunning) {
            return cpuTime().compareTo(before) > 0;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Duration cpuTime() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The exit status, if the program has exited. */
    OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits at most {@code limit} for the program to exit on its own. */
    public OptionalInt awaitExit(Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(Duration.ofSeconds(2));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
        return exitStatus();
    }

    /**
     * Before a failure report: gives the program a short moment to exit, and one that is
     * already dying (an exception escaped its main thread) a longer one, so the report says
     * it crashed, and why, rather than "still running".
     */
    void settleBeforeReport() {
        if (!process.isAlive()) {
            return;
        }
        awaitExit(Duration.ofMillis(200));
        if (process.isAlive() && stderrTail.lines().stream().anyMatch(line -> line.startsWith("Exception in thread \"main\""))) {
            awaitExit(Duration.ofSeconds(1));
        }
    }

    /** The program's stdout, framed into lines (client tests read what it printed). */
    LineInbox stdoutLines() {
        if (stdoutLines == null) {
            throw new IllegalStateException(label + " was started without keeping its stdout lines");
        }
        return stdoutLines;
    }

    /** Types a line on the program's stdin, as a user would. */
    void type(String line) {
        typeRaw(line + "\n");
    }

    /** Types text exactly as given, no newline added (a last line that Ctrl-D ends). */
    void typeRaw(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        transcript.data("stdin", label, bytes);
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw GradingFailure.because("The grader could not type on " + label + "'s stdin: it has stopped reading"
                    + " it (" + e.getMessage() + ").").hint("Did " + label + " exit or close System.in too early? Its"
                    + " output is below.").build();
        }
    }

    /** Ends the program's stdin, as Ctrl-D does in a terminal. */
    void endInput() {
        transcript.event(Transcript.Kind.INPUT_ENDED, "stdin", "stdin of " + label + " ended (end of input, like Ctrl-D)");
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed: the program exited. The test checks what matters.
        }
    }

    /**
     * If the program stopped on a starter stub, the handout step it names: the stub's
     * {@code UnsupportedOperationException("step N of the handout: ...")}.
     */
    Optional<NotImplemented> notImplemented() {
        for (String line : stderrTail.lines()) {
            Matcher matcher = NOT_IMPLEMENTED.matcher(line);
            if (matcher.find()) {
                return Optional.of(new NotImplemented(Integer.parseInt(matcher.group(2)), matcher.group(3).trim()));
            }
        }
        return Optional.empty();
    }

    /** A stub that still throws: which step of the handout it belongs to, and what to do. */
    record NotImplemented(int step, String todo) {
    }

    /** The last lines of stdout and stderr, ready for a failure report. */
    String outputReport() {
        awaitDrained(Duration.ofMillis(200));
        StringBuilder out = new StringBuilder();
        String status = exitStatus().isPresent() ? "exited with status " + exitStatus().getAsInt() : "was still running";
        out.append("Output of ").append(label).append(" (pid ").append(pid()).append(", ").append(status).append("):\n");
        appendTail(out, "stdout", stdoutTail);
        appendTail(out, "stderr", stderrTail);
        return out.toString().stripTrailing();
    }

    private static void appendTail(StringBuilder out, String name, OutputTail tail) {
        List<String> lines = tail.foldedLines().stream().filter(line -> !line.startsWith(JAVA_OPTIONS_NOTE)).toList();
        if (lines.isEmpty()) {
            out.append("  ").append(name).append(": (empty)\n");
            return;
        }
        long hidden = tail.linesNotShown();
        long kept = tail.lines().size();
        out.append("  ").append(name).append(hidden > 0 ? " (last " + kept + " lines of " + (hidden + kept) + ")" : "")
                .append(":\n");
        lines.forEach(line -> out.append("    | ").append(line).append('\n'));
    }

    /** The sentence for a student if the program hit a sandbox limit (processes, memory). */
    Optional<String> limitBreach() {
        List<String> output = new ArrayList<>(stderrTail.lines());
        output.addAll(stdoutTail.lines());
        return confinement.breach(output);
    }

    /** The last lines the program wrote on stderr (the JVM's own notes left out). */
    List<String> stderrLines() {
        awaitDrained(Duration.ofMillis(200));
        return stderrTail.lines().stream().filter(line -> !line.startsWith(JAVA_OPTIONS_NOTE)).toList();
    }

    private void awaitDrained(Duration limit) {
        if (process.isAlive()) {
            return;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread drain : drains) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                drain.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Kills the program and every process it started (SIGKILL: a test is over, and a program
     * that ignores SIGTERM must not outlive it), then waits until all of them are gone. The
     * sandbox finds those that left the process tree (a double fork and setsid): its process
     * namespace ends with its first process, and its cgroup or its user lists the others.
     */
    @Override
    public void close() {
        closing = true;
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        ProcessTree.killAndAwait(tree, Duration.ofSeconds(10));
        confinement.killAll();
        confinement.release();
        awaitExit(Duration.ofSeconds(2));
    }
}
