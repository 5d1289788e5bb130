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
    /**
     * Runs as root inside the new namespaces, then becomes the program without any capability.
     * $0 is the /tmp size; then come the paths under the real /tmp to show again, then "--"
     * and the command. The new tmpfs is filled at /mnt, where the real /tmp is still in
     * sight, and then moved over /tmp; the working directory is then looked up again, so
     * that a kit under /tmp is seen through its read-only copy, not through the real /tmp.
     * ({@code mount -n}: the mount table in /run is read-only by then, and needs no update.)
     * Every mount but / is made read-only by one {@code mount -a} over a table written from
     * /proc/self/mountinfo (the top mount of each mount point, its own flags kept: nosuid,
     * nodev, noexec), read through a file descriptor once the file is deleted; then / itself.
     * One {@code mount} process per mount point cost 32 ms of CPU per program on a machine
     * with 20 mounts (a class grading starts thousands of programs); this costs 8 ms.
     */
    static final String INIT = String.join("\n",
            "table=$(mktemp) || exit 97",
            "awk '$5 != \"/\" { top[$5] = $6 } END { for (m in top) { n = split(top[m], o, \",\"); v = \"remount,bind,ro\";"
                    + " for (i = 1; i <= n; i++) if (o[i] != \"rw\" && o[i] != \"ro\") v = v \",\" o[i];"
                    + " print \"none\", m, \"none\", v, 0, 0 } }' /proc/self/mountinfo > \"$table\" || exit 97",
            "exec 3< \"$table\"; rm -f \"$table\"",
            "mount -a -n -T /dev/fd/3 2>/dev/null",
            "exec 3<&-",
            "mount -n -o remount,bind,ro / 2>/dev/null",
            "mount -n -t tmpfs -o size=\"$0\",mode=1777,nosuid,nodev socketlab-tmp /mnt || exit 97",
            "while [ \"$1\" != -- ]; do",
            "  inside=/mnt${1#/tmp}",
            "  if [ -d \"$1\" ]; then mkdir -p \"$inside\"; else mkdir -p \"${inside%/*}\" && : > \"$inside\"; fi",
            "  mount -n --bind \"$1\" \"$inside\" && mount -n -o remount,bind,ro \"$inside\" || exit 97",
            "  shift",
            "done",
            "shift",
            "mount -n --move /mnt /tmp || exit 97",
            "cd \"$(pwd -P)\" || exit 97",  // the working directory, looked up again: under /tmp, the copy shown
            "exec setpriv --inh-caps=-all --bounding-set=-all --no-new-privs -- \"$@\"");

    private final ProgramLimits limits;
    private final Optional<PidsCgroup> pids;
    private final List<Path> kitFolders;

    UnshareSandbox(ProgramLimits limits, Optional<PidsCgroup> pids, List<Path> kitFolders) {
        this.limits = limits;
        this.pids = pids;
        this.kitFolders = List.copyOf(kitFolders);
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
        TmpExposures.of(kitFolders, directory).forEach(path -> words.add(path.toString()));
        words.add("--");
        // Root is not counted by RLIMIT_NPROC: only the cgroup caps processes here.
        words.addAll(limits.prlimit(false));
        words.addAll(command);
        return new Confinement(words, Map.of("TMPDIR", "/tmp"), limits, pids.isPresent(),
                SandboxChoice.newGroup(pids, limits), () -> { }, () -> { });
    }
}
