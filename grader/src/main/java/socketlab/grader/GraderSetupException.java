package socketlab.grader;

/**
 * Something about the run itself is wrong (an option, a missing JDK compiler, a lab that
 * does not compile), not the behaviour of a program. Its message is one sentence that
 * says what to do, and it fails each test it concerns with that sentence.
 */
public final class GraderSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final WorkStage stage;

    public GraderSetupException(String message) {
        this(message, WorkStage.RAN);
    }

    /** A run that cannot grade the student's program because of how far the work got (no sources, no compile). */
    GraderSetupException(String message, WorkStage stage) {
        super(message, null, false, false);
        this.stage = stage;
    }

    WorkStage stage() {
        return stage;
    }
}
