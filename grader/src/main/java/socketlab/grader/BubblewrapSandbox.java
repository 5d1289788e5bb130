package socketlab.grader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bubblewrap's {@code bwrap} (Debian and Ubuntu package {@code bubblewrap}), as root or
 * not: its own PID namespace (bwrap's init ends every process when it dies, and
 * {@code --die-with-parent} ends bwrap when the grader kills it), the whole filesystem
 * bound read-only, a private, size-bounded /tmp, no capability, the host's loopback shared.
 */
final class BubblewrapSandbox implements Sandbox {
    private final ProgramLimits limits;
    private final Optional<PidsCgroup> pids;
    private final List<Path> kitFolders;

    BubblewrapSandbox(ProgramLimits limits, Optional<PidsCgroup> pids, List<Path> kitFolders) {
        this.limits = limits;
        this.pids = pids;
        this.kitFolders = List.copyOf(kitFolders);
    }

    @Override
    public String name() {
        return SandboxMode.BUBBLEWRAP.tag();
    }

    @Override
    public String describe() {
        return "bubblewrap (own process namespace, read-only files but a private /tmp, loopback shared; limits: "
                + limits.describe(pids.isPresent(), true) + ")";
    }

    @Override
    public Confinement confine(List<String> command, Path directory) {
        List<String> words = new ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--size", String.valueOf(limits.tmpSize()), "--tmpfs", "/tmp"));
        for (Path needed : TmpExposures.of(kitFolders, directory)) {
            words.addAll(List.of("--ro-bind", needed.toString(), needed.toString()));
        }
        words.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--chdir", directory.toString(), "--setenv", "TMPDIR", "/tmp", "--"));
        // RLIMIT_NPROC counts every process of the real user (all of root's, or all of the instructor's): only
        // the cgroup caps this program's.
        words.addAll(limits.prlimit(false));
        words.addAll(command);
        return new Confinement(words, Map.of("TMPDIR", "/tmp"), limits, pids.isPresent(),
                SandboxChoice.newGroup(pids, limits), () -> { }, () -> { });
    }
}
