package socketlab.grader;

/**
 * The failure a student reads: the full report of a failed graded test. It carries no
 * stack trace, since the grader's own call stack would only hide what matters.
 */
public final class GradedTestFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    public GradedTestFailure(String report) {
        super(report);
        setStackTrace(new StackTraceElement[0]);
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
