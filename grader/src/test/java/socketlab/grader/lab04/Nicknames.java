package socketlab.grader.lab04;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import socketlab.grader.Payloads;

/**
 * Random nicknames for one test, never two alike (compared without regard to case, as
 * SPEC §5 compares them): two random names that happened to collide would make a correct
 * server refuse one of them, and fail a test by luck.
 */
final class Nicknames {
    private final Payloads payloads;
    private final Set<String> used = new HashSet<>();

    Nicknames(Payloads payloads) {
        this.payloads = payloads;
    }

    /** A valid nickname no other call of this test got, e.g. {@code Comet_412}. */
    String next() {
        while (true) {
            String name = payloads.nickname();
            if (used.add(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }

    /** A valid nickname of exactly one letter. */
    String oneLetter() {
        while (true) {
            String name = String.valueOf((char) ('a' + payloads.nextInt(26)));
            if (used.add(name)) {
                return name;
            }
        }
    }

    /** A valid nickname of exactly 16 characters: a digit first, then a word, {@code -}, {@code _} and digits. */
    String sixteenCharacters() {
        while (true) {
            String word = payloads.word();
            StringBuilder name = new StringBuilder().append(payloads.nextInt(10))
                    .append(word, 0, Math.min(word.length(), 6)).append("-x_");
            while (name.length() < 16) {
                name.append(payloads.nextInt(10));
            }
            if (used.add(name.toString().toLowerCase(Locale.ROOT))) {
                return name.toString();
            }
        }
    }
}
