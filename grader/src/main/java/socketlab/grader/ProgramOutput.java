package socketlab.grader;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a program's own output tells about its bug, whatever the test saw on the wire: an
 * exception that names a known cause (a {@code ConcurrentModificationException} is an
 * unsafe shared list), or a port already in use. These read the program's stderr, which is
 * evidence; they never read the grader's own messages.
 */
final class ProgramOutput {
    /** A line of stderr that names a cause, and the hint for that cause. */
    record Rule(Predicate<String> line, String cause, String hint) {
    }

    /** The rules every lab shares; the first that matches a program's stderr explains the failure. */
    static final List<Rule> RULES = List.of(
            new Rule(line -> line.contains("ConcurrentModificationException"),
                    "a ConcurrentModificationException", Hints.UNSAFE_COLLECTION));

    private ProgramOutput() {
    }

    /** The first rule that one of these stderr lines matches. */
    static Optional<Rule> explain(List<String> stderr) {
        return RULES.stream().filter(rule -> stderr.stream().anyMatch(rule.line())).findFirst();
    }

    /** Whether a line says the port was taken (Java, Python, Node and C say it their own ways). */
    static boolean saysAddressInUse(String line) {
        return line.contains("Address already in use") || line.contains("EADDRINUSE")
                || line.contains("address already in use");
    }
}
