package socketlab.grader;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit side of the grader. It gives each graded test what it asks for as parameters
 * (a started {@link ServerUnderTest}, a {@link ClientUnderTest}, {@link Payloads}, ...),
 * keeps that test's {@link TestSession} in the JUnit store so that everything it started is
 * closed when the test ends whatever happened, bounds the whole test with a scaled time
 * limit, and turns any failure into the report a student reads.
 */
final class GraderExtension implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler,
        InvocationInterceptor {
    private static final Namespace NAMESPACE = Namespace.create(GraderExtension.class);

    /**
     * A mistake in the options stops the run before any test, so nobody gets a score of zero
     * for a typo: {@link ScoreReport} reports it once as "Grader not run".
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        GraderConfig config = runContext(context).config();
        // Tells ScoreReport the run's seed, so that it can print it under the score table.
        context.publishReportEntry(ScoreReport.SEED_ENTRY, String.valueOf(config.seed()));
        // And the run's sandbox, for the line at the top of the run and in results.json.
        context.publishReportEntry(ScoreReport.SANDBOX_ENTRY, runContext(context).sandbox().describe());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ServerUnderTest.class || type == ClientUnderTest.class || type == Payloads.class
                || type == TestSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestSession session = session(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == ServerUnderTest.class) {
            return ServerUnderTest.start(session);
        }
        if (type == ClientUnderTest.class) {
            return new ClientUnderTest(session);
        }
        if (type == Payloads.class) {
            return session.payloads();
        }
        return session;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Duration limit = existingSession(context).map(s -> s.waits().test()).orElse(Waits.TEST);
        Assertions.assertTimeoutPreemptively(limit, invocation::proceed, () -> "This test did not finish within "
                + Waits.human(limit) + ", the grader's limit for one test, so it was stopped. Something in the exchange"
                + " waited without end: the last lines of the transcript show where.");
        existingSession(context).ifPresent(TestSession::checkLimits);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) {
        Throwable failure = thrown instanceof ParameterResolutionException && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        String title = "FAILED: " + context.getDisplayName() + "\n\n";
        Optional<TestSession> session = existingSession(context);
        if (failure instanceof GraderSetupException || session.isEmpty()) {
            WorkStage stage = failure instanceof GraderSetupException setup ? setup.stage() : WorkStage.RAN;
            throw new GradedTestFailure(title + failure.getMessage(), FailureDetails.of(failure.getMessage(), stage));
        }
        String report = session.get().report(failure);
        WorkStage stage = FailureReport.stub(session.get().processes()).isPresent() ? WorkStage.NOT_IMPLEMENTED
                : WorkStage.RAN;
        throw new GradedTestFailure(title + report, FailureDetails.of(session.get(), report, stage));
    }

    /** The test's session, made on first use; the run's context is made once per run. */
    static TestSession session(ExtensionContext context) {
        RunContext run = runContext(context);
        return context.getStore(NAMESPACE).computeIfAbsent(TestSession.class,
                key -> new TestSession(run, labOf(context), roleOf(context), context.getUniqueId(),
                        context.getDisplayName()), TestSession.class);
    }

    private static RunContext runContext(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(RunContext.class,
                key -> RunContext.create(() -> GraderConfig.from(context::getConfigurationParameter,
                        System.getProperties().stringPropertyNames(),
                        ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE))),
                RunContext.class);
    }

    private static Optional<TestSession> existingSession(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(TestSession.class, TestSession.class));
    }

    private static Lab labOf(ExtensionContext context) {
        return Lab.fromTags(context.getTags())
                .orElseThrow(() -> new IllegalStateException(context.getDisplayName() + " has no lab tag (" + Lab.tags() + ")"));
    }

    private static Role roleOf(ExtensionContext context) {
        return Role.fromTags(context.getTags())
                .orElseThrow(() -> new IllegalStateException(context.getDisplayName() + " has no role tag (server, client)"));
    }
}
