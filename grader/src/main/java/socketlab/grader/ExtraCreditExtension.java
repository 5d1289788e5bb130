package socketlab.grader;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Reports the failure of an extra-credit test as {@link ExtraCreditNotEarned}, so that the exit
 * status of a run depends on the required tests only (SPEC §6). Registered on
 * {@link GraderTest} before {@link GraderExtension}; JUnit calls exception handlers in reverse,
 * so this one receives the failure that extension has already turned into the report a
 * student reads.
 */
final class ExtraCreditExtension implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        boolean extraCredit = context.getTestMethod().map(method -> method.getAnnotation(Graded.class))
                .map(Graded::extraCredit).orElse(false);
        if (extraCredit && !(thrown instanceof org.opentest4j.TestAbortedException)) {
            ExtraCreditNotEarned missed = new ExtraCreditNotEarned(GradedTestFailure.reportOf(thrown));
            missed.initCause(thrown);  // the report page reads the failure's parts from it
            throw missed;
        }
        throw thrown;
    }
}
