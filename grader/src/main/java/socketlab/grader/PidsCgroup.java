package socketlab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The kernel's process counter (a "pids" cgroup, v1 or v2), where the grader may make one:
 * as root, on most Linux machines. Each program gets a group of its own with a cap; the
 * group's counter says afterwards whether the program ever hit it, and the group lists
 * every process in it, however they forked, so that all of them can be killed.
 */
final class PidsCgroup {
    private static final Path V1 = Path.of("/sys/fs/cgroup/pids");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final Path parent;
    private final String prefix = "socketlab-grader-" + ProcessHandle.current().pid() + "-";

    private PidsCgroup(Path parent) {
        this.parent = parent;
    }

    /** The hierarchy this machine lets the grader use, if any: tried by making and removing a group. */
    static Optional<PidsCgroup> probe() {
        for (Path parent : List.of(V1, V2)) {
            if (!Files.isWritable(parent.resolve("cgroup.procs")) || !controls(parent)) {
                continue;
            }
            PidsCgroup cgroup = new PidsCgroup(parent);
            try {
                cgroup.create(1).remove();
                return Optional.of(cgroup);
            } catch (IOException | RuntimeException e) {
                // Not usable here (read-only, or the controller is not enabled): try the next one.
            }
        }
        return Optional.empty();
    }

    private static boolean controls(Path parent) {
        if (parent.equals(V1)) {
            return Files.isDirectory(V1);
        }
        try {
            return Files.readString(parent.resolve("cgroup.subtree_control")).contains("pids");
        } catch (IOException e) {
            return false;
        }
    }

    /** A new, empty group that allows at most {@code max} processes and threads. */
    Group create(int max) throws IOException {
        // Unique among the grader's runs in this JVM (the self-tests make many), and among JVMs by the pid.
        Path dir = parent.resolve(prefix + java.util.UUID.randomUUID().toString().substring(0, 13));
        Files.createDirectory(dir);
        try {
            Files.writeString(dir.resolve("pids.max"), String.valueOf(max), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            Files.deleteIfExists(dir);
            throw e;
        }
        return new Group(dir);
    }

    /** One program's group. */
    static final class Group {
        private final Path dir;

        private Group(Path dir) {
            this.dir = dir;
        }

        /** The command, started inside the group: a shell moves itself in, then becomes the command. */
        List<String> wrap(List<String> command) {
            List<String> words = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"",
                    dir.toString()));
            words.addAll(command);
            return words;
        }

        /** Whether a fork or a new thread ever failed because the group was full. */
        boolean hitMax() {
            try {
                for (String line : Files.readAllLines(dir.resolve("pids.events"))) {
                    if (line.startsWith("max ") && Long.parseLong(line.substring(4).trim()) > 0) {
                        return true;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // No counter to read: the output is checked instead.
            }
            return false;
        }

        /** Kills every process in the group, again and again, until it is empty or the limit has passed. */
        void killAll(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                List<ProcessHandle> members = members();
                if (members.isEmpty()) {
                    return;
                }
                members.forEach(ProcessHandle::destroyForcibly);
                ProcessTree.awaitGone(members, Duration.ofMillis(200));
            }
        }

        private List<ProcessHandle> members() {
            try {
                return Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank())
                        .map(line -> Long.parseLong(line.trim())).filter(pid -> !UserProcesses.isZombie(pid))
                        .map(ProcessHandle::of).flatMap(Optional::stream).toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        /**
         * Removes the group once its processes are gone: the kernel refuses while one is left,
         * even a dead one its parent has not reaped yet, so it tries again for a moment.
         */
        void remove() {
            try {
                Awaitility.await("the cgroup " + dir + " to be removable").atMost(Duration.ofSeconds(2))
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(this::tryRemove);
            } catch (ConditionTimeoutException e) {
                // A process outlived killAll's limit; the group stays, and an empty group costs nothing.
            }
        }

        private boolean tryRemove() {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
