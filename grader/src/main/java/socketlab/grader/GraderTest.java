package socketlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of graded tests. Put it beside the two tags that say which lab and which
 * role the tests grade, e.g. {@code @Tag("lab01") @Tag("server")}: the grader reads both.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(GraderExtension.class)
@TestMethodOrder(GradedOrder.class)
public @interface GraderTest {
}
