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
    private final GraderConfig config;
    private final Sandbox sandbox;
    private final GraderSetupException setupError;
    private final LabCompiler compiler;
    private final Map<Lab, Object> compiled = new ConcurrentHashMap<>();
    private final Set<StudentProcess> live = ConcurrentHashMap.newKeySet();
    private final SharedCause causes = new SharedCause();
    private volatile boolean stopping;
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
     * Keeps {@code process} to be killed with the run. A test still running while the run stops
     * (the JVM was told to end) may start a program after {@link #killAll} has gone through the
     * list: that program is killed at once, so that none outlives the grader.
     */
    void started(StudentProcess process) {
        live.add(process);
        if (stopping) {
            process.close();
            live.remove(process);
        }
    }

    void ended(StudentProcess process) {
        live.remove(process);
    }

    private void killAll() {
        stopping = true;
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
