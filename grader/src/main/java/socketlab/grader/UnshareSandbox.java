package socketlab.grader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Namespaces made by util-linux's {@code unshare}, as root: the program is the first
 * process of its own PID namespace (killing it ends every process it ever started, however
 * it forked), in its own mount namespace where every mount is read-only but a private,
 * size-bounded tmpfs on /tmp, without any capability (so it cannot mount anything back).
 * The network is the host's: the grader and the program meet on loopback.
 */
final class UnshareSandbox implements Sandbox {
    /** Runs as root inside the new namespaces, then becomes the program without any capability. $0 is the /tmp size. */
    static final String INIT = String.join("\n",
            "for m in $(awk '{print $5}' /proc/self/mountinfo); do mount -o remount,bind,ro \"$m\" 2>/dev/null; done",
            "mount -t tmpfs -o size=\"$0\",mode=1777,nosuid,nodev socketlab-tmp /tmp || exit 97",
            "exec setpriv --inh-caps=-all --bounding-set=-all --no-new-privs -- \"$@\"");

    private final ProgramLimits limits;
    private final Optional<PidsCgroup> pids;

    UnshareSandbox(ProgramLimits limits, Optional<PidsCgroup> pids) {
        this.limits = limits;
        this.pids = pids;
    }

    @Override
    public String name() {
        return SandboxMode.UNSHARE.tag();
    }

    @Override
    public String describe() {
        return "namespaces by unshare (own process namespace, read-only files but a private /tmp, loopback shared;"
                + " limits: " + limits.describe(pids.isPresent(), true) + ")";
    }

    @Override
    public Confinement confine(List<String> command, Path directory) {
        List<String> words = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount",
                "--mount-proc", "--", "sh", "-c", INIT, String.valueOf(limits.tmpSize())));
        // Root is not counted by RLIMIT_NPROC: only the cgroup caps processes here.
        words.addAll(limits.prlimit(false));
        words.addAll(command);
        return new Confinement(words, Map.of("TMPDIR", "/tmp"), limits, pids.isPresent(),
                SandboxChoice.newGroup(pids, limits), () -> { }, () -> { });
    }
}
