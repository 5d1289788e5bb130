package socketlab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether the socket listening on a port belongs to the program under test, read from Linux's
 * {@code /proc}: the grader picks a free port and then starts the program on it, and in that
 * moment another program on the machine may take the port. A connect that succeeds then proves
 * nothing about the program; the owner of the listening socket does. Where there is no
 * {@code /proc} to read, a successful connect is taken as it is.
 */
final class ListenerOwner {
    private static final String LISTEN = "0A";

    private ListenerOwner() {
    }

    /** False only when /proc shows that the listener on {@code port} is another program's. */
    static boolean isOwnedBy(StudentProcess process, int port) {
        Set<String> listeners = listeningInodes(port);
        if (listeners.isEmpty()) {
            return true;
        }
        List<Long> pids = treeOf(process);
        for (long pid : pids) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                boolean owns = fds.map(ListenerOwner::linkTarget)
                        .anyMatch(target -> listeners.contains(target));
                if (owns) {
                    return true;
                }
            } catch (IOException | RuntimeException gone) {
                // The process exited meanwhile, or its fds cannot be read: look at the others.
            }
        }
        return !readable(pids);
    }

    /** The ports on which the program (or a process it started) listens; empty without /proc. */
    static Set<Integer> portsOf(StudentProcess process) {
        Set<String> owned = new HashSet<>();
        for (long pid : treeOf(process)) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                fds.map(ListenerOwner::linkTarget).filter(target -> target.startsWith("socket:[")).forEach(owned::add);
            } catch (IOException | RuntimeException gone) {
                // Exited meanwhile, or unreadable.
            }
        }
        Set<Integer> ports = new java.util.TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[3].equals(LISTEN) && owned.contains("socket:[" + fields[9] + "]")) {
                        String local = fields[1];
                        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException noProc) {
                // Not Linux, or no IPv6.
            }
        }
        return ports;
    }

    private static List<Long> treeOf(StudentProcess process) {
        return Stream.concat(Stream.of(process.pid()),
                ProcessHandle.of(process.pid()).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid))
                .toList();
    }

    private static boolean readable(List<Long> pids) {
        return pids.stream().anyMatch(pid -> Files.isReadable(Path.of("/proc", String.valueOf(pid), "fd")));
    }

    /** The inodes of the sockets listening on {@code port}, as "socket:[inode]"; empty without /proc. */
    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(":" + hexPort) && fields[3].equals(LISTEN)) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException noProc) {
                // Not Linux, or no IPv6: nothing to learn from this table.
            }
        }
        return inodes;
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
