package socketlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a graded test: what it is worth and, in one sentence, what it does on the wire.
 * The score table, {@code results.json} and the "What the grader checks" table of each
 * handout are all built from this one annotation, so they cannot disagree.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {
    /** Points a passing run earns. */
    int points();

    /** What the test does, for the handout's table: the exchange, in plain words. */
    String does();

    /**
     * Bonus points: never needed for full marks. Reported to Gradescope with
     * {@code max_score} 0, adding {@link #points()} to the score when it passes.
     */
    boolean extraCredit() default false;
}
