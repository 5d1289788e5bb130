package socketlab.grader;

/**
 * Something about the run itself is wrong (an option, a missing JDK compiler, a lab that
 * does not compile), not the behaviour of a program. Its message is one sentence that
 * says what to do, and it fails each test it concerns with that sentence.
 */
public final class GraderSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GraderSetupException(String message) {
        super(message, null, false, false);
    }
}
