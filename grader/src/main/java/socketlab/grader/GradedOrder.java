package socketlab.grader;

import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The order of a class's graded tests: as they are written (a test class follows the
 * handout's steps, so the basic behaviour is checked, and reported, before the finer ones),
 * and extra credit last, so that the first failure a student reads is never a bonus test that
 * a correct plain design fails too. The score table uses the same order.
 */
final class GradedOrder implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator
                .comparing((MethodDescriptor descriptor) -> descriptor.findAnnotation(Graded.class)
                        .map(Graded::extraCredit).orElse(false))
                .thenComparingInt(descriptor -> DeclarationOrder.of(descriptor.getMethod().getDeclaringClass())
                        .lineOf(descriptor.getMethod().getName())));
    }
}
