package socketlab.grader;

import java.util.List;
import java.util.Optional;

/**
 * A failed test in parts, for the report page ({@link ReportPage}) and the class grading:
 * the headline, what was expected and what came instead, the hint, the replay command, the
 * transcript as typed entries (drawn as a sequence diagram) and the tail of each program's
 * output. The console keeps the whole text; this carries the same facts unflattened. It
 * travels on the {@link GradedTestFailure} the extension throws, so {@link ScoreReport},
 * which sees that throwable, gets it without any state of its own.
 *
 * @param headline   the first line a student reads, e.g. "Your server did not echo the line back"
 * @param summary    what the test saw: expected, but got, the compiler's errors (may be empty)
 * @param hint       the likely bug, or empty
 * @param replay     how to replay the exchange by hand, or empty
 * @param transcript every entry of the test's transcript, in order (empty when no test session ran)
 * @param outputs    the tail of each program's stdout and stderr, one rendered block per program
 * @param stage      how far the student's work got: a program that ran, or not started
 */
record FailureDetails(String headline, String summary, String hint, String replay,
                             List<Transcript.Entry> transcript, List<String> outputs, WorkStage stage) {
    private static final String HINT = "Hint: ";
    /** Where the console's report moves from what failed to how it happened (TestSession's layout). */
    private static final String TRANSCRIPT_MARK = "\n\nTranscript (";

    FailureDetails {
        transcript = List.copyOf(transcript);
        outputs = List.copyOf(outputs);
    }

    /** A failure that happened before any program ran, e.g. a compile error: its message only. */
    static FailureDetails of(String message, WorkStage stage) {
        return fromHead(message == null ? "" : message, "", List.of(), List.of(), stage);
    }

    /** A failure of a test that had a session: the console's report, and the session's facts. */
    static FailureDetails of(TestSession session, String report, WorkStage stage) {
        String replay = new ReplayCommand(session).render().orElse("");
        int end = replay.isEmpty() ? -1 : report.indexOf("\n\n" + replay);
        if (end < 0) {
            end = report.indexOf(TRANSCRIPT_MARK);
        }
        String head = end < 0 ? report : report.substring(0, end);
        List<String> outputs = session.processes().stream().map(StudentProcess::outputReport).toList();
        return fromHead(head, replay, session.transcript().entries(), outputs, stage);
    }

    /** Splits the head of a report into its headline, its "Hint: " paragraph and the rest. */
    private static FailureDetails fromHead(String head, String replay, List<Transcript.Entry> transcript,
                                           List<String> outputs, WorkStage stage) {
        String text = head.strip();
        int newline = text.indexOf('\n');
        String headline = newline < 0 ? text : text.substring(0, newline);
        String rest = newline < 0 ? "" : text.substring(newline + 1);
        String hint = "";
        int hintAt = rest.startsWith(HINT) ? 0 : rest.indexOf("\n" + HINT);
        if (hintAt >= 0) {
            int start = hintAt == 0 ? 0 : hintAt + 1;
            int stop = rest.indexOf("\n\n", start);
            hint = rest.substring(start + HINT.length(), stop < 0 ? rest.length() : stop).strip();
            rest = rest.substring(0, start) + (stop < 0 ? "" : rest.substring(stop));
        }
        return new FailureDetails(headline, stripBlankLines(rest), hint, replay, transcript, outputs, stage);
    }

    private static String stripBlankLines(String text) {
        return text.replaceAll("^(\\s*\\n)+", "").stripTrailing();
    }

    /** The details a failed test's throwable carries, if the grader's extension made it. */
    static Optional<FailureDetails> from(Throwable thrown) {
        // Also as a cause: a failed extra-credit test may be reported as aborted, wrapping the failure.
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GradedTestFailure graded) {
                return graded.details();
            }
        }
        return Optional.empty();
    }
}
