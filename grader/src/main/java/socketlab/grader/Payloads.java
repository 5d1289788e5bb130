package socketlab.grader;

import java.util.Random;

/**
 * Random text for one test, so that no program can pass by printing what the grader
 * happens to send. Each test draws from its own generator, seeded from the run's seed and
 * the test's identity: {@code -Dgrader.seed=N} replays a whole run exactly.
 */
public final class Payloads {
    private static final String[] WORDS = {
        "socket", "stream", "packet", "thread", "accept", "buffer", "kernel", "port", "loopback", "segment",
        "window", "flush", "newline", "handshake", "lobster", "violet", "quartz", "meadow", "comet", "harbor",
        "pepper", "saffron", "tundra", "orbit", "maple", "cobalt", "ember", "falcon", "glacier", "nimbus",
    };
    private static final String[] ACCENTED = {"café", "naïve", "Zürich", "smørbrød", "déjà vu", "über", "niño"};

    private final Random random;

    Payloads(long seed) {
        this.random = new Random(seed);
    }

    /** One lowercase ASCII word. */
    public String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /** A short sentence of ASCII words, unique enough to tell lines apart. */
    public String sentence() {
        return word() + " " + word() + " " + word() + " " + random.nextInt(100_000);
    }

    /** A sentence with non-ASCII characters, two and three bytes long in UTF-8. */
    public String accentedSentence() {
        return ACCENTED[random.nextInt(ACCENTED.length)] + " " + word() + " € " + random.nextInt(1000) + " ✓";
    }

    /** A nickname that follows SPEC §5's rules: letters, digits, '_' and '-', 1 to 16 long. */
    public String nickname() {
        String base = word();
        base = Character.toUpperCase(base.charAt(0)) + base.substring(1);
        String name = base + "_" + random.nextInt(1000);
        return name.length() > 16 ? name.substring(0, 16) : name;
    }

    /**
     * A line with a 2-, a 3- and a 4-byte UTF-8 character (é, €, an emoji) among random words:
     * text whose bytes a program must not treat as characters, and that can be cut inside them.
     */
    public String multiByteLine() {
        return "café " + word() + " 5€ " + word() + " \uD83D\uDE00 " + sentence();
    }

    /** ASCII text of exactly {@code length} characters, no newline, with a recognisable pattern. */
    public String longText(int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(word()).append(' ');
        }
        out.setLength(length - 1);
        out.append('#');
        return out.toString();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
