package socketlab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The grader's options (SPEC §6), read once per run from JUnit configuration parameters,
 * which include {@code -D} system properties. Every mistake in them (a typo in a name, a
 * scale that is not a number, a target that does not exist) becomes one sentence that says
 * what to type instead, and fails every test with it.
 *
 * @param root         the checkout the grader belongs to ({@code grader.root}, set by its pom)
 * @param target       the checkout or module whose labs are graded
 * @param timeoutScale multiplies every wait ({@code grader.timeoutScale})
 * @param seed         the seed of this run's random payloads ({@code grader.seed})
 * @param reportDir    where results.json and compiled labs go ({@code grader.reportDir})
 * @param lookup       reads any option, e.g. a command override
 */
public record GraderConfig(Path root, Path target, double timeoutScale, long seed, boolean seedGiven, Path reportDir,
                           Function<String, Optional<String>> lookup) {

    public static final String ROOT = "grader.root";
    public static final String TARGET = "grader.target";
    public static final String TIMEOUT_SCALE = "grader.timeoutScale";
    static final String SEED = "grader.seed";
    public static final String REPORT_DIR = "grader.reportDir";
    public static final String SANDBOX = "grader.sandbox";
    public static final String MAX_PROCESSES = "grader.maxProcesses";
    /** Reruns only the tests that failed in the previous run (see {@link FailedTestsFilter}). */
    static final String FAILED = "grader.failed";

    /** Reads and checks the options. */
    static GraderConfig from(Function<String, Optional<String>> lookup, Collection<String> definedNames, long randomSeed) {
        checkNames(definedNames);
        Path root = lookup.apply(ROOT).map(Path::of).orElseGet(GraderConfig::guessRoot).toAbsolutePath().normalize();
        Path target = lookup.apply(TARGET).filter(value -> !value.isBlank())
                .map(value -> root.resolve(value).toAbsolutePath().normalize())
                .orElse(root);
        if (!Files.isDirectory(target) && target.equals(root.resolve("solutions"))) {
            throw new GraderSetupException("This copy of the kit has no reference solutions (it is the student edition),"
                    + " so -Dgrader.target=solutions cannot be graded: grade your own labs with mvn -pl grader test.");
        }
        if (!Files.isDirectory(target)) {
            throw new GraderSetupException("-Dgrader.target=" + lookup.apply(TARGET).orElse("")
                    + " names no folder (looked for " + target + "): give `solutions`, or the path of another checkout"
                    + " of this kit, relative to " + root + " or absolute.");
        }
        double scale = lookup.apply(TIMEOUT_SCALE).map(GraderConfig::parseScale).orElse(1.0);
        Optional<Long> seed = lookup.apply(SEED).map(GraderConfig::parseSeed);
        lookup.apply(SANDBOX).ifPresent(SandboxMode::parse);
        lookup.apply(MAX_PROCESSES).ifPresent(GraderConfig::parseMaxProcesses);
        Path reportDir = lookup.apply(REPORT_DIR).map(Path::of).orElse(root.resolve("grader/target/grader"))
                .toAbsolutePath().normalize();
        GraderConfig config = new GraderConfig(root, target, scale, seed.orElse(randomSeed), seed.isPresent(), reportDir,
                lookup);
        if (config.rerunFailed()) {
            PreviousRun.failedTests(reportDir);  // says in one sentence when there is nothing to rerun
        }
        return config;
    }

    /**
     * Whether {@code -Dgrader.failed} asks to rerun only what failed in the previous run. Maven
     * gives a bare {@code -Dgrader.failed} the value {@code true}.
     */
    boolean rerunFailed() {
        return lookup.apply(FAILED).map(GraderConfig::parseFlag).orElse(false);
    }

    private static boolean parseFlag(String value) {
        String flag = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (flag.isEmpty() || flag.equals("true")) {
            return true;
        }
        if (flag.equals("false")) {
            return false;
        }
        throw new GraderSetupException("-Dgrader.failed=" + value + " is not a switch: write -Dgrader.failed alone"
                + " to rerun only the tests that failed in the previous run.");
    }

    /** The command that replaces the Java sources in one role of one lab, if one was given. */
    Optional<String> command(Lab lab, Role role) {
        return lookup.apply(commandOption(lab, role)).filter(value -> !value.isBlank());
    }

    /** How programs under test are isolated ({@code grader.sandbox}, default auto). */
    SandboxMode sandboxMode() {
        return lookup.apply(SANDBOX).map(SandboxMode::parse).orElse(SandboxMode.AUTO);
    }

    /** What each program under test may use in the sandbox ({@code grader.maxProcesses} sets the process cap). */
    ProgramLimits limits() {
        return lookup.apply(MAX_PROCESSES).map(GraderConfig::parseMaxProcesses).map(ProgramLimits.DEFAULT::withProcesses)
                .orElse(ProgramLimits.DEFAULT);
    }

    /** The folders a sandboxed program must see (read-only), even where they lie under /tmp. */
    List<Path> kitFolders() {
        return List.of(root, target, reportDir);
    }

    public static String commandOption(Lab lab, Role role) {
        return "grader." + lab.tag() + "." + role.tag();
    }

    /** Every option name the grader understands. */
    static Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>(List.of(ROOT, TARGET, TIMEOUT_SCALE, SEED, REPORT_DIR, FAILED, SANDBOX,
                MAX_PROCESSES));
        for (Lab lab : Lab.values()) {
            for (Role role : lab.roles()) {
                names.add(commandOption(lab, role));
            }
        }
        return names;
    }

    private static void checkNames(Collection<String> definedNames) {
        Set<String> unknown = new TreeSet<>();
        for (String name : definedNames) {
            if (name.startsWith("grader.") && !knownNames().contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            Set<String> documented = new TreeSet<>(knownNames());
            documented.remove(ROOT);  // set by the grader's pom, not by people
            throw new GraderSetupException("Unknown option -D" + String.join(", -D", unknown) + ": did you mean -D"
                    + closest(first) + "? The grader knows -D" + String.join(", -D", documented)
                    + " (see the table in the README).");
        }
    }

    /** The known option a typo most likely meant: the fewest single-character edits away. */
    static String closest(String typo) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : knownNames()) {
            int distance = editDistance(typo.toLowerCase(java.util.Locale.ROOT), known.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static double parseScale(String value) {
        try {
            double scale = Double.parseDouble(value.trim());
            if (scale > 0 && scale <= 100) {
                return scale;
            }
        } catch (NumberFormatException e) {
            // Reported below, with what to type instead.
        }
        throw new GraderSetupException("-Dgrader.timeoutScale=" + value + " is not a usable scale: give a number between"
                + " 0 and 100, such as 2 (twice as long) or 0.5.");
    }

    private static int parseMaxProcesses(String value) {
        try {
            int max = Integer.parseInt(value.trim());
            if (max >= 16 && max <= 1_000_000) {
                return max;
            }
        } catch (NumberFormatException e) {
            // Reported below, with what to type instead.
        }
        throw new GraderSetupException("-Dgrader.maxProcesses=" + value + " is not a usable cap: give a whole number of"
                + " processes and threads per program between 16 and 1000000, such as 4096 (the default).");
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new GraderSetupException("-Dgrader.seed=" + value + " is not a seed: give the whole number a"
                    + " failing run printed, such as -Dgrader.seed=42.");
        }
    }

    /** Run from the grader module (as Maven does) or from the checkout itself. */
    private static Path guessRoot() {
        Path here = Path.of("").toAbsolutePath();
        return here.getFileName() != null && here.getFileName().toString().equals("grader") ? here.getParent() : here;
    }
}
