package socketlab.grader;

import java.util.Comparator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The order of a class's graded tests: extra credit last, so that the first failure a
 * student reads is never a bonus test that a correct plain design fails too. Otherwise
 * JUnit's own stable order is kept.
 */
public final class GradedOrder implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparing(descriptor -> descriptor.findAnnotation(Graded.class)
                .map(Graded::extraCredit).orElse(false)));
    }
}
