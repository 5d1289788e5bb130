package socketlab.grader;

import org.opentest4j.TestAbortedException;

/**
 * A failed extra-credit test, as JUnit and Surefire see it: aborted, not failed. SPEC §6 says
 * extra credit never changes the exit status of a run, and Surefire fails the build on a
 * failed test but not on an aborted one (it counts it as skipped). {@link ScoreReport} still
 * records it as an extra-credit test that did not pass, with the whole report a student reads.
 */
final class ExtraCreditNotEarned extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    /** The prefix of the message, which Surefire's own report shows beside the skipped test. */
    static final String PREFIX = "Extra credit not earned: ";

    ExtraCreditNotEarned(String report) {
        super(PREFIX + report);
        setStackTrace(new StackTraceElement[0]);
    }

    /** The report of the failure, without the prefix. */
    String report() {
        return getMessage().substring(PREFIX.length());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
