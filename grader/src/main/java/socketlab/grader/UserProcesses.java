package socketlab.grader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Who runs what, read from Linux's /proc: the grader's own user, and every process of a user. */
final class UserProcesses {
    private static final Path PROC = Path.of("/proc");

    private UserProcesses() {
    }

    /** Whether the grader runs as root (false where there is no /proc, e.g. macOS). */
    static boolean graderIsRoot() {
        return realUid(PROC.resolve("self")).orElse(-1) == 0;
    }

    /** Every live process whose real user is {@code uid}. */
    static List<ProcessHandle> of(int uid) {
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                if (realUid(entry).orElse(-1) == uid && !isZombie(entry)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            // No /proc: nothing to find.
        }
        return found;
    }

    /**
     * Whether a process has exited and only waits for its parent to read its status (a
     * zombie): nothing is left to kill, though it still has its pid.
     */
    static boolean isZombie(long pid) {
        return isZombie(PROC.resolve(String.valueOf(pid)));
    }

    private static boolean isZombie(Path process) {
        try {
            return Files.readAllLines(process.resolve("status")).stream().filter(line -> line.startsWith("State:"))
                    .map(line -> line.substring(6).trim()).anyMatch(state -> state.startsWith("Z") || state.startsWith("X"));
        } catch (IOException e) {
            return Files.isDirectory(PROC);  // gone already where there is a /proc; unknown (so: alive) elsewhere
        }
    }

    private static OptionalInt realUid(Path process) {
        try {
            for (String line : Files.readAllLines(process.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring(4).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone meanwhile, or not Linux.
        }
        return OptionalInt.empty();
    }
}
