package socketlab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A user of its own for each program, where namespaces are refused but the grader is root
 * (Docker's default seccomp profile, as on Gradescope): {@code setpriv} starts the program
 * as a fresh, unprivileged user id, with no capability and no group, so it cannot write the
 * report folder, the kit or anything else root owns, nor signal another process. Its only
 * writable folder is a private temp dir ($TMPDIR). Since the user is its own, RLIMIT_NPROC
 * caps exactly its processes, and when the test ends every process of that user is killed
 * (a {@code kill -KILL -1} as that user, repeated until none is left), however it forked.
 */
final class SeparateUserSandbox implements Sandbox {
    /** Ids no account uses: far above the ranges of Debian, Ubuntu and rootless containers' subuids. */
    private static final int FIRST_UID = 1_900_000_000;
    private static final int UIDS = 100_000_000;

    private final ProgramLimits limits;
    private final Optional<PidsCgroup> pids;

    SeparateUserSandbox(ProgramLimits limits, Optional<PidsCgroup> pids) {
        this.limits = limits;
        this.pids = pids;
    }

    @Override
    public String name() {
        return SandboxMode.USER.tag();
    }

    @Override
    public String describe() {
        return "separate user (each program its own unprivileged user: it cannot write the results or the kit, and"
                + " every process of that user is killed after each test; limits: "
                + limits.describe(true, false) + ")";
    }

    @Override
    public Confinement confine(List<String> command, Path directory) {
        int uid = freeUid();
        Path scratch = scratchFor(uid);
        List<String> words = new ArrayList<>(limits.prlimit(true));
        words.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--"));
        words.addAll(command);
        Map<String, String> environment = Map.of("TMPDIR", scratch.toString(), "HOME", scratch.toString(),
                "PATH", reachablePath(System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        return new Confinement(words, environment, limits, true,
                SandboxChoice.newGroup(pids, limits), () -> killEveryProcessOf(uid), () -> delete(scratch));
    }

    /**
     * The PATH without the folders the program's user cannot reach (e.g. an interpreter's
     * shims under root's home, which is closed to others): "python3" then finds the system's.
     */
    static String reachablePath(String path) {
        return Arrays.stream(path.split(":")).filter(folder -> !folder.isEmpty() && openToOthers(Path.of(folder)))
                .distinct().collect(Collectors.joining(":"));
    }

    private static boolean openToOthers(Path folder) {
        try {
            for (Path step = folder.toAbsolutePath(); step != null; step = step.getParent()) {
                if (!Files.getPosixFilePermissions(step).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static int freeUid() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int uid = FIRST_UID + ThreadLocalRandom.current().nextInt(UIDS);
            if (UserProcesses.of(uid).isEmpty()) {
                return uid;
            }
        }
        throw new GraderSetupException("The grader found no free user id for the program's sandbox: stop the other"
                + " grading runs on this machine, or grade with -Dgrader.sandbox=auto.");
    }

    private static Path scratchFor(int uid) {
        try {
            Path scratch = Files.createTempDirectory("socketlab-program-");
            Files.setAttribute(scratch, "unix:uid", uid);
            Files.setAttribute(scratch, "unix:gid", uid);
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx------"));
            return scratch;
        } catch (IOException | UnsupportedOperationException e) {
            throw new GraderSetupException("The grader could not make a temp folder for the sandbox user (" + e.getMessage()
                    + "): check that " + System.getProperty("java.io.tmpdir") + " is writable.");
        }
    }

    /** Signals every process of the user, as that user (kill -1 spares only the caller), until none is left. */
    private static void killEveryProcessOf(int uid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left = UserProcesses.of(uid);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Process kill = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--",
                        "kill", "-KILL", "-1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                kill.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                left.forEach(ProcessHandle::destroyForcibly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left.forEach(ProcessHandle::destroyForcibly);
            }
            ProcessTree.awaitGone(left, Duration.ofMillis(200));
            left = UserProcesses.of(uid);
        }
    }

    private static void delete(Path scratch) {
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Left in the system's temp dir, which the system cleans.
        }
    }
}
