package socketlab.grader;

import java.util.function.Predicate;

/**
 * A wrong line that a test recognises, with the bug it reveals: a second {@code left!}, a
 * relayed {@code !DISCONNECT}, a line sent back to its own sender. Given to an expectation
 * ({@link LinePeer#expectLine(String, String, String, KnownMistake...)}), it replaces the
 * generic "a different line" with a headline and a hint that name that bug.
 *
 * @param matches  recognises the wrong line (the received text, without its {@code \n})
 * @param headline what the bug is, in the student's words
 * @param hint     what to write instead
 */
public record KnownMistake(Predicate<String> matches, String headline, String hint) {
    /** The mistake of sending exactly {@code line}. */
    public static KnownMistake line(String line, String headline, String hint) {
        return new KnownMistake(line::equals, headline, hint);
    }

    /** The mistake of sending any line that {@code matches} accepts. */
    public static KnownMistake when(Predicate<String> matches, String headline, String hint) {
        return new KnownMistake(matches, headline, hint);
    }
}
