package socketlab.grader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One program's place in the run's sandbox: the command that starts it there, what its
 * environment gains, how to kill every process it ever started, whether it hit a limit,
 * and what to clean up once it is gone.
 */
final class Confinement {
    private final List<String> command;
    private final Map<String, String> environment;
    private final ProgramLimits limits;
    private final boolean processesCapped;
    private final PidsCgroup.Group cgroup;
    private final Runnable killRest;
    private final Runnable release;

    /**
     * @param limits          the limits that apply, or null when none does
     * @param processesCapped whether the process cap is enforced
     * @param cgroup          the program's pids cgroup, or null
     * @param killRest        kills what the layer knows of beyond the process tree (e.g. every process of a user)
     * @param release         removes what was made for the program (a folder, a user's files)
     */
    Confinement(List<String> command, Map<String, String> environment, ProgramLimits limits, boolean processesCapped,
                PidsCgroup.Group cgroup, Runnable killRest, Runnable release) {
        this.command = cgroup == null ? List.copyOf(command) : cgroup.wrap(command);
        this.environment = Map.copyOf(environment);
        this.limits = limits;
        this.processesCapped = processesCapped;
        this.cgroup = cgroup;
        this.killRest = killRest;
        this.release = release;
    }

    /** No sandbox: the command as it is, killed through its process tree only. */
    static Confinement none(List<String> command) {
        return new Confinement(command, Map.of(), null, false, null, () -> { }, () -> { });
    }

    List<String> command() {
        return command;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Kills every process of the program that the layer can find, however it forked. */
    void killAll() {
        if (cgroup != null) {
            cgroup.killAll(Duration.ofSeconds(10));
        }
        killRest.run();
    }

    /** The sentence for a student whose program hit a limit, judged from the kernel's counter and its output. */
    Optional<String> breach(List<String> output) {
        if (limits == null) {
            return Optional.empty();
        }
        return limits.breach(cgroup != null && cgroup.hitMax(), processesCapped, output);
    }

    /** After {@link #killAll()}: removes the program's cgroup and scratch files. */
    void release() {
        if (cgroup != null) {
            cgroup.remove();
        }
        release.run();
    }
}
