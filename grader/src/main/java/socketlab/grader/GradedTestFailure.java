package socketlab.grader;

/**
 * The failure a student reads: the full report of a failed graded test. It carries no
 * stack trace, since the grader's own call stack would only hide what matters.
 *
 * <p>Its message is one line (the test and the headline), because Surefire lists every
 * failed test again at the end of a run, from its message; {@link ScoreReport} prints the
 * whole {@link #report()} once, as the test fails. {@link #toString()} is the whole report, so
 * Surefire's XML and an IDE's stack trace view show all of it.
 */
public final class GradedTestFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String report;
    /** The same facts in parts, for the report page; not serialised (it holds a transcript). */
    private final transient FailureDetails details;

    GradedTestFailure(String report) {
        this(report, null);
    }

    GradedTestFailure(String report, FailureDetails details) {
        super(oneLine(report));
        this.report = report;
        this.details = details;
        setStackTrace(new StackTraceElement[0]);
    }

    /** The failure in parts (headline, hint, transcript ...), when the grader's extension made it. */
    java.util.Optional<FailureDetails> details() {
        return java.util.Optional.ofNullable(details);
    }

    /** The whole report: the test, what went wrong, the transcript, the hint. */
    String report() {
        return report;
    }

    /**
     * What a failure says in full: the report of a graded failure (also of a missed extra
     * credit, without its prefix), or any other's message.
     */
    public static String reportOf(Throwable failure) {
        if (failure instanceof GradedTestFailure graded) {
            return graded.report();
        }
        return failure instanceof ExtraCreditNotEarned missed ? missed.report() : failure.getMessage();
    }

    /** The report's title ("FAILED: test name") and its first line after it, on one line. */
    static String oneLine(String report) {
        if (report == null) {
            return null;
        }
        String title = report.lines().findFirst().orElse("").strip();
        String headline = report.lines().skip(1).map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                .orElse("");
        return headline.isEmpty() ? title : title + ": " + headline;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return report;
    }
}
