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

    /**
     * One line: the title and the headline of the report. Surefire lists every failure again
     * after the run, from this message; the full report was printed once already, as the test
     * failed (ScoreReport), so the list repeats only what names each failure.
     */
    @Override
    public String getLocalizedMessage() {
        return ScoreReport.oneLine(getMessage());
    }
}
