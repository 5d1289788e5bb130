package socketlab.grader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one grading run shares between its tests: the options, each lab compiled once, and
 * every process still running. It lives in the JUnit root store, so it is made once per
 * run and closed at its end; if the run is cut short, a shutdown hook still kills every
 * process the grader started.
 */
final class RunContext implements AutoCloseable {
    /** How long the end of a run waits for programs being started at that moment. */
    private static final java.time.Duration LAUNCHES_IN_FLIGHT = java.time.Duration.ofSeconds(5);

    private final GraderConfig config;
    private final Sandbox sandbox;
    private final GraderSetupException setupError;
    private final LabCompiler compiler;
    private final Map<Lab, Object> compiled = new ConcurrentHashMap<>();
    private final Set<StudentProcess> live = ConcurrentHashMap.newKeySet();
    private final SharedCause causes = new SharedCause();
    /** Guards {@link #stopping} and {@link #launching}: starts under way and the end of the run. */
    private final Object launches = new Object();
    private boolean stopping;
    private int launching;
    private final Thread shutdownHook = new Thread(this::killAll, "grader-shutdown");

    private RunContext(GraderConfig config, Sandbox sandbox, GraderSetupException setupError) {
        this.config = config;
        this.sandbox = sandbox;
        this.setupError = setupError;
        this.compiler = config == null ? null : new LabCompiler(config.reportDir().resolve("classes"));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Reads the options and chooses the sandbox, once for the run; a mistake in the options,
     * or a sandbox that is required but missing, is kept and fails every test that asks.
     */
    static RunContext create(java.util.function.Supplier<GraderConfig> options) {
        try {
            GraderConfig config = options.get();
            return new RunContext(config, SandboxChoice.choose(config.sandboxMode(), config.root(),
                    config.limits(), config.kitFolders()), null);
        } catch (GraderSetupException e) {
            return new RunContext(null, null, e);
        }
    }

    GraderConfig config() {
        if (setupError != null) {
            throw setupError;
        }
        return config;
    }

    /** Where every program of this run is started. */
    Sandbox sandbox() {
        config();
        return sandbox;
    }

    /** The lab compiled from the target's sources, once per run; a compile error is remembered too. */
    Path classesOf(Lab lab) {
        Object result = compiled.computeIfAbsent(lab, key -> {
            try {
                return compiler.compile(config().target(), key);
            } catch (GraderSetupException e) {
                return e;
            }
        });
        if (result instanceof GraderSetupException e) {
            throw e;
        }
        return (Path) result;
    }

    /** The causes found once for a whole role in this run (never listens, never flushes...). */
    SharedCause causes() {
        return causes;
    }

    /**
     * Starts a program through {@code start} and keeps it, to be killed with the run. Once the
     * run is stopping (its end, or the JVM told to end while tests still run), no program
     * starts; and {@link #killAll} waits, bounded, for the starts already under way, so that a
     * program forked in that moment is killed with the others instead of outliving the grader.
     */
    StudentProcess launch(java.util.function.Supplier<StudentProcess> start) {
        synchronized (launches) {
            if (stopping) {
                throw new IllegalStateException("the grading is stopping: no program is started any more");
            }
            launching++;
        }
        try {
            StudentProcess process = start.get();
            live.add(process);
            return process;
        } finally {
            synchronized (launches) {
                launching--;
                launches.notifyAll();
            }
        }
    }

    void ended(StudentProcess process) {
        live.remove(process);
    }

    private void killAll() {
        synchronized (launches) {
            stopping = true;
            long deadline = System.nanoTime() + LAUNCHES_IN_FLIGHT.toNanos();
            long left;
            while (launching > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    launches.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (StudentProcess process : live) {
            process.close();
        }
        live.clear();
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running; it does the same job.
        }
    }
}
