package socketlab.grader;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The order of a class's graded tests: extra credit last, so that the first failure a
 * student reads is never a bonus test that a correct plain design fails too; otherwise the
 * order in which they are written (see {@link DeclarationOrder}), which is the order of the
 * handout's steps when the class is written that way. The score table and the handout's
 * "What the grader checks" table follow the same order.
 */
public final class GradedOrder implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
        Map<Class<?>, DeclarationOrder> orders = new HashMap<>();
        context.getMethodDescriptors().sort(Comparator.comparing((MethodDescriptor descriptor) -> descriptor
                        .findAnnotation(Graded.class).map(Graded::extraCredit).orElse(false))
                .thenComparingInt(descriptor -> {
                    Method method = descriptor.getMethod();
                    return orders.computeIfAbsent(method.getDeclaringClass(), DeclarationOrder::of).lineOf(method.getName());
                }));
    }
}
