package socketlab.grader;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The kinds of crash report a program may leave on stderr, to NAME what a student's program
 * printed ("a Python traceback"). Whether stderr is acceptable is never decided here: SPEC §1
 * asks for one clear line in every language, so the grader counts lines and uses this only
 * to say what the extra lines were.
 */
enum TraceKind {
    JAVA("a Java stack trace", line -> line.startsWith("Exception in thread")
            || line.matches("\\s+at [\\w$.<>/]+\\(.*\\)") || line.startsWith("Caused by: ")),
    PYTHON("a Python traceback", line -> line.startsWith("Traceback (most recent call last)")
            || line.matches("\\s+File \".*\", line \\d+.*")),
    NODE("a Node.js stack trace", line -> line.matches("\\s+at .*:\\d+:\\d+\\)?") || line.startsWith("node:")
            || line.contains("Unhandled 'error' event")),
    GO("a Go panic", line -> line.startsWith("panic: ") || line.matches("goroutine \\d+ \\[.*\\]:")),
    RUST("a Rust panic", line -> line.matches("thread '.*' panicked at.*")),
    C("a crash report (a sanitizer, a failed assertion or an abort)", line -> line.contains("AddressSanitizer")
            || line.matches(".*Assertion .* failed.*") || line.contains("core dumped") || line.contains("Segmentation fault"));

    private final String description;
    private final Predicate<String> marks;

    TraceKind(String description, Predicate<String> marks) {
        this.description = description;
        this.marks = marks;
    }

    /** How a message names it, e.g. "a Python traceback". */
    String description() {
        return description;
    }

    /** The first kind of trace whose marks appear in {@code lines}, if any. */
    static Optional<TraceKind> in(List<String> lines) {
        for (TraceKind kind : values()) {
            if (lines.stream().anyMatch(kind.marks)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Lines with something visible on them: what "one clear line" counts. */
    static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(Predicate.not(String::isBlank)).toList();
    }
}
