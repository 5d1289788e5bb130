package socketlab.grader;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cause found once and true of every test of a role: the program never listens, exits
 * after its first connection, never flushes, never answers. The first test that proves it
 * says it in full; every later test of that role that fails the same way points to it in one
 * line, and does not wait as long for what will not come. One symptom, one verdict.
 */
final class SharedCause {
    /** The causes a whole role shares, each with the line that later tests point to it with. */
    enum Kind {
        NEVER_LISTENS("never accepted a connection"),
        EXITS("exited on its own"),
        NEVER_FLUSHES("keeps its replies in a buffer until the connection closes: it never flushes"),
        NEVER_ANSWERS("sent nothing back");

        private final String says;

        Kind(String says) {
            this.says = says;
        }
    }

    /** What was found, by which test, in which words. */
    record Found(Kind kind, String test, String headline) {
        /** The pointer that a later failure of the same role starts with. */
        String pointer(String program) {
            return "Same cause as in \"" + test + "\" (its report, above, has the details): " + program + " "
                    + kind.says + ".";
        }
    }

    private final Map<String, Found> found = new ConcurrentHashMap<>();

    /** Remembers {@code kind} for this role, unless a cause was already found for it. */
    void record(Lab lab, Role role, Kind kind, String test, String headline) {
        found.putIfAbsent(key(lab, role), new Found(kind, test, headline));
    }

    Optional<Found> of(Lab lab, Role role) {
        return Optional.ofNullable(found.get(key(lab, role)));
    }

    private static String key(Lab lab, Role role) {
        return lab.tag() + " " + role.tag();
    }
}
