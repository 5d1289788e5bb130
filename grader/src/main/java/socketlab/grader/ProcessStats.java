package socketlab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many files (sockets included) and threads a program holds right now, read from
 * Linux's {@code /proc}, summed over the program and every process it started. It is how the
 * grader sees a leak from outside, in any language.
 *
 * @param openFiles entries of {@code /proc/PID/fd}
 * @param threads   entries of {@code /proc/PID/task}
 */
public record ProcessStats(long openFiles, long threads) {

    /** Whether this machine has a {@code /proc} to read (Linux does; macOS and Windows do not). */
    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isDirectory(Path.of("/proc/self/task"));
    }

    /** The counts for a running program, or empty if it has exited or there is no /proc. */
    public static Optional<ProcessStats> of(StudentProcess process) {
        if (!available() || !process.isAlive()) {
            return Optional.empty();
        }
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        ProcessHandle.of(process.pid()).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        long files = 0;
        long threads = 0;
        for (long pid : pids) {
            files += count(Path.of("/proc", String.valueOf(pid), "fd"));
            threads += count(Path.of("/proc", String.valueOf(pid), "task"));
        }
        return Optional.of(new ProcessStats(files, threads));
    }

    private static long count(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
