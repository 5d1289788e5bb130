package socketlab.selftest;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Builds {@code -Dgrader.labNN.role} commands for the kit's fixture programs. */
final class Programs {
    private Programs() {
    }

    /** A Java fixture compiled with the self-tests, e.g. a deliberately buggy server. */
    static String java(Class<?> mainClass, String arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " -cp " + quote(classpathOf(mainClass)) + " " + mainClass.getName() + " " + arguments;
    }

    /** A script under src/test/resources/programs, run by {@code interpreter}. */
    static String script(String interpreter, String resource, String arguments) {
        Path file = GradingRun.ROOT.resolve("selftest/src/test/resources/programs").resolve(resource);
        return interpreter + " " + quote(file.toString()) + " " + arguments;
    }

    static String server(Class<?> mainClass) {
        return java(mainClass, "{port}");
    }

    static String client(Class<?> mainClass) {
        return java(mainClass, "{host} {port}");
    }

    private static String classpathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
