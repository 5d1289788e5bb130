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
 * JUnit hands a failure to the exception handlers in the reverse order of this list: first
 * GraderExtension writes the report a student reads, then ExtraCreditExtension reports a failed
 * extra-credit test as aborted, so that it never fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith({ExtraCreditExtension.class, GraderExtension.class})
@TestMethodOrder(GradedOrder.class)
public @interface GraderTest {
}
