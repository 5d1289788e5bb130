package socketlab.grader;

/**
 * The failure a student reads: the full report of a failed graded test. It carries no
 * stack trace, since the grader's own call stack would only hide what matters.
 */
public final class GradedTestFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** The same facts in parts, for the report page; not serialised (it holds a transcript). */
    private final transient FailureDetails details;

    public GradedTestFailure(String report) {
        this(report, null);
    }

    GradedTestFailure(String report, FailureDetails details) {
        super(report);
        this.details = details;
        setStackTrace(new StackTraceElement[0]);
    }

    /** The failure in parts (headline, hint, transcript ...), when the grader's extension made it. */
    java.util.Optional<FailureDetails> details() {
        return java.util.Optional.ofNullable(details);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
