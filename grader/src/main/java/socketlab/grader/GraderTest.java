package socketlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of graded tests. Put it beside the two tags that say which lab and which
 * role the tests grade, e.g. {@code @Tag("lab01") @Tag("server")}: the grader reads both.
 * The two extensions run in this order: the first writes the report of a failure, the second
 * reports a failed extra-credit test as aborted, so that it never fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith({GraderExtension.class, ExtraCreditExtension.class})
public @interface GraderTest {
}
