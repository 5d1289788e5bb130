package socketlab.grader.lab05;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import socketlab.grader.GraderSetupException;
import socketlab.grader.ProcessStats;
import socketlab.grader.StudentProcess;

/**
 * What a server costs the machine right now, read from Linux's {@code /proc}: its resident
 * memory (VmRSS, the pages it has really touched) and its threads, summed over the program
 * and every process it started (a server started through a shell script is measured whole).
 *
 * @param residentKiB VmRSS, in KiB
 * @param threads     the Threads line of /proc/PID/status
 */
record Footprint(long residentKiB, long threads) {

    /** The footprint of a running program, or empty where there is no /proc (macOS, Windows) or it has exited. */
    static Optional<Footprint> of(StudentProcess process) {
        if (!ProcessStats.available() || !process.isAlive()) {
            return Optional.empty();
        }
        long resident = 0;
        long threads = 0;
        for (long pid : tree(process)) {
            Optional<List<String>> status = read(Path.of("/proc", String.valueOf(pid), "status"));
            if (status.isEmpty()) {
                continue; // it ended meanwhile
            }
            resident += field(status.get(), "VmRSS:").orElse(0);
            threads += field(status.get(), "Threads:").orElse(0);
        }
        return Optional.of(new Footprint(resident, threads));
    }

    /**
     * Fails with one sentence and the fix when a process may not open {@code needed} files:
     * each connection is one, on both sides. The JVM raises its own soft limit to the hard
     * one, and the program under test inherits it, so the hard limit is what counts.
     *
     * @param who   "the grader" or "your server", for the message
     * @param pid   the process to check
     * @param needed how many open files the test needs there
     */
    static void requireOpenFiles(String who, long pid, long needed) {
        Optional<List<String>> limits = read(Path.of("/proc", String.valueOf(pid), "limits"));
        if (limits.isEmpty()) {
            return; // no /proc: the connections themselves will say if they run out
        }
        for (String line : limits.get()) {
            if (line.startsWith("Max open files")) {
                String[] words = line.substring("Max open files".length()).trim().split("\\s+");
                if (!words[0].equals("unlimited") && Long.parseLong(words[0]) < needed) {
                    throw new GraderSetupException("This test opens 10,000 connections, but " + who + " may open only "
                            + words[0] + " files (its hard limit is " + words[1] + "): run  ulimit -n 20000  in the"
                            + " shell before Maven (as root, or after raising the hard limit in"
                            + " /etc/security/limits.conf; in Docker: --ulimit nofile=20000), then grade again.");
                }
            }
        }
    }

    private static List<Long> tree(StudentProcess process) {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        ProcessHandle.of(process.pid()).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    private static OptionalLong field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst();
    }

    private static Optional<List<String>> read(Path file) {
        try {
            return Optional.of(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "12.3 MiB" */
    static String mib(long kib) {
        return String.format("%.1f MiB", kib / 1024.0);
    }
}
