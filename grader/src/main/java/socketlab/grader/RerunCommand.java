package socketlab.grader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The command a student types to run one graded test again, alone, with the same grader
 * options as this run (the target, a program given by command, the time scale; not the seed,
 * so a fix meets fresh payloads).
 */
final class RerunCommand {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.,:/=@%+#-]*");

    private RerunCommand() {
    }

    /** E.g. {@code mvn -pl grader test -Dtest=EchoServerTest#echoesAnEmptyLine -Dgrader.target=solutions}. */
    static String forTest(Class<?> testClass, String method, Properties options) {
        return "mvn -pl grader test " + quote("-Dtest=" + testClass.getSimpleName() + "#" + method) + options(options);
    }

    /** Reruns the tests that failed in this run. */
    static String forFailed(Properties options) {
        return "mvn -pl grader test -Dgrader.failed" + options(options);
    }

    private static String options(Properties options) {
        Map<String, String> chosen = new TreeMap<>();
        for (String name : options.stringPropertyNames()) {
            if (name.startsWith("grader.") && !name.equals(GraderConfig.ROOT) && !name.equals(GraderConfig.SEED)
                    && !name.equals(GraderConfig.FAILED) && !isDefaultReportDir(name, options)) {
                chosen.put(name, options.getProperty(name));
            }
        }
        StringBuilder out = new StringBuilder();
        chosen.forEach((name, value) -> out.append(' ').append(quote("-D" + name + "=" + value)));
        return out.toString();
    }

    /** The grader's pom always sets the report folder; only a folder someone chose is repeated. */
    private static boolean isDefaultReportDir(String name, Properties options) {
        if (!name.equals(GraderConfig.REPORT_DIR)) {
            return false;
        }
        String root = options.getProperty(GraderConfig.ROOT);
        return root == null || Path.of(options.getProperty(name)).toAbsolutePath().normalize()
                .equals(Path.of(root, "grader", "target", "grader").toAbsolutePath().normalize());
    }

    /** Quotes a word for a POSIX shell when it needs it. */
    static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
