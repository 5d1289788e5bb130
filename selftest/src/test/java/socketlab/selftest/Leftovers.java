package socketlab.selftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every process a self-test's grading started, wherever it went: Surefire gives the test JVM
 * the variable {@value #MARKER} (unique per build), every program the grader starts inherits
 * it, and a daemon that double-forked and called setsid keeps it although it is no longer a
 * descendant of anything the test knows. Found by reading /proc/PID/environ (Linux).
 */
final class Leftovers {
    static final String MARKER = "SOCKETLAB_SELFTEST_RUN";

    private Leftovers() {
    }

    /** Whether processes can be found by marker here (a Maven run on Linux). */
    static boolean traceable() {
        return System.getenv(MARKER) != null && Files.isDirectory(Path.of("/proc/self"));
    }

    /**
     * "pid command line" of every live process carrying this build's marker, but this JVM, the
     * processes that started it (Surefire's shell has the marker too) and {@code spared}.
     */
    static List<String> alive(long... spared) {
        List<String> found = new ArrayList<>();
        if (!traceable()) {
            return found;
        }
        byte[] marker = (MARKER + "=" + System.getenv(MARKER) + "\0").getBytes(StandardCharsets.UTF_8);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (!ancestry().contains(pid) && java.util.Arrays.stream(spared).noneMatch(s -> s == pid)
                        && carries(process, marker)) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> !zombie(process))
                            .ifPresent(p -> found.add(pid + " " + p.info().commandLine().orElse("?")));
                }
            }
        } catch (IOException e) {
            // No /proc: nothing to find.
        }
        return found;
    }

    private static List<Long> ancestry() {
        List<Long> pids = new ArrayList<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            pids.add(p.get().pid());
        }
        return pids;
    }

    private static boolean carries(Path process, byte[] marker) {
        try {
            byte[] environment = Files.readAllBytes(process.resolve("environ"));
            return indexOf(environment, marker) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean zombie(Path process) {
        try {
            return Files.readAllLines(process.resolve("status")).stream().filter(l -> l.startsWith("State:"))
                    .map(l -> l.substring(6).trim()).anyMatch(s -> s.startsWith("Z") || s.startsWith("X"));
        } catch (IOException e) {
            return true;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;  // a variable starts after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The marker, for a message that says why the scan found nothing to check. */
    static Optional<String> value() {
        return Optional.ofNullable(System.getenv(MARKER));
    }
}
