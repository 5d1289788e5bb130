package socketlab.selftest;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.provider.Arguments;
import socketlab.grader.Role;

/** Builds {@code -Dgrader.labNN.role} commands for the kit's fixture programs. */
final class Programs {
    private Programs() {
    }

    /** A Java fixture compiled with the self-tests, e.g. a deliberately buggy server. */
    static String java(Class<?> mainClass, String arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " -cp " + quote(classpathOf(mainClass)) + " " + mainClass.getName() + " " + arguments;
    }

    /**
     * A single-file Java program run from its source, as a student runs it with no build
     * ({@code java lab03/OutboxChatServer.java 4003}): the file needs nothing but the JDK.
     *
     * @param file the source file, from the root of the kit
     */
    static String javaSource(String file, String arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " " + quote(GradingRun.ROOT.resolve(file).toString()) + " " + arguments;
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

    /**
     * One row of a "buggy program is caught" table: the program's name, its role, the
     * command that runs it, the graded test meant to catch it, and words its failure must say.
     */
    static Arguments bug(Role role, Class<?> program, String caughtBy, String... mentions) {
        String command = role == Role.SERVER ? server(program) : client(program);
        return Arguments.of(program.getSimpleName(), role, command, caughtBy, mentions);
    }

    /** The same row for a script under src/test/resources/programs, run by {@code interpreter}. */
    static Arguments scriptBug(Role role, String interpreter, String resource, String caughtBy, String... mentions) {
        String command = script(interpreter, resource, role == Role.SERVER ? "{port}" : "{host} {port}");
        return Arguments.of(resource, role, command, caughtBy, mentions);
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
