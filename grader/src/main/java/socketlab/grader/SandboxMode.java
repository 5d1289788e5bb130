package socketlab.grader;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code -Dgrader.sandbox}: {@code auto} (the best layer this machine offers, the default),
 * {@code required} (refuse to grade without one: for grading machines), {@code off}
 * (debugging the grader itself), or the name of one layer, which forces it (the kit's
 * self-tests prove each layer that way).
 */
enum SandboxMode {
    AUTO(null),
    REQUIRED(null),
    OFF(null),
    BUBBLEWRAP("apt-get install -y bubblewrap"),
    UNSHARE("run the grader as root (unshare comes with util-linux: apt-get install -y util-linux)"),
    USER("run the grader as root (setpriv comes with util-linux: apt-get install -y util-linux)");

    private final String remedy;

    SandboxMode(String remedy) {
        this.remedy = remedy;
    }

    /** How it appears in -Dgrader.sandbox, e.g. "bubblewrap". */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For a layer: the one command (or step) that makes it available. */
    String remedy() {
        return remedy;
    }

    static SandboxMode parse(String value) {
        for (SandboxMode mode : values()) {
            if (mode.tag().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new GraderSetupException("-Dgrader.sandbox=" + value + " is not a sandbox mode: give auto (the best this"
                + " machine offers), required (refuse to grade without one) or off (debugging the grader only); "
                + Arrays.stream(values()).filter(m -> m.remedy != null).map(SandboxMode::tag)
                .collect(Collectors.joining(", ")) + " force one layer.");
    }
}
