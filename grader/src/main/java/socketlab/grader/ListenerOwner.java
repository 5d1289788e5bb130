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
        for (String[] listener : listeners()) {
            if (owned.contains("socket:[" + listener[9] + "]")) {
                String local = listener[1];
                ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
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
        for (String[] listener : listeners()) {
            if (listener[1].endsWith(":" + hexPort)) {
                inodes.add("socket:[" + listener[9] + "]");
            }
        }
        return inodes;
    }

    /**
     * The fields of every listening socket's line of /proc/net/tcp and tcp6 (field 1 the local
     * address, 9 the inode). The tables also hold every connection, TIME_WAIT ones included: after a
     * test of 2,000 clients, tens of thousands of lines, read at each program's start. So a line is
     * split only once its state field (always as far from the line number's colon: the addresses
     * have a fixed width) says LISTEN; splitting every line with a regular expression cost the class grading more CPU
     * than all its tests' own work.
     */
    private static List<String[]> listeners() {
        List<String[]> found = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (java.io.BufferedReader reader = Files.newBufferedReader(Path.of(table),
                    java.nio.charset.StandardCharsets.US_ASCII)) {
                reader.readLine(); // the header
                int stateAfterColon = -1;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int colon = line.indexOf(':'); // ends the line number, whose width grows past 9,999 lines
                    if (stateAfterColon < 0) {
                        stateAfterColon = stateColumn(line) - colon;
                    }
                    if (colon > 0 && stateAfterColon > 0 && line.startsWith(LISTEN, colon + stateAfterColon)) {
                        String[] fields = line.trim().split(" +");
                        if (fields.length > 9 && fields[3].equals(LISTEN)) {
                            found.add(fields);
                        }
                    }
                }
            } catch (IOException | RuntimeException noProc) {
                // Not Linux, or no IPv6: nothing to learn from this table.
            }
        }
        return found;
    }

    /** Where the state field starts in a line of the table (the same on every line), or -1. */
    private static int stateColumn(String line) {
        int field = 0;
        boolean inField = false;
        for (int i = 0; i < line.length(); i++) {
            boolean blank = line.charAt(i) == ' ';
            if (!blank && !inField) {
                if (field == 3) {
                    return i;
                }
                field++;
            }
            inField = !blank;
        }
        return -1;
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
