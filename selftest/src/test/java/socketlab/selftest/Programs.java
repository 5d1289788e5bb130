package socketlab.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
     * A single-file Java program, e.g. {@code solutions/src/main/java/lab03/OutboxChatServer.java},
     * which a student runs from its source with no build ({@code java OutboxChatServer.java}).
     * It is compiled here alone, with no other source in reach, so it fails to compile if it
     * needs anything but the JDK; then it runs from its classes, so that no test waits for the
     * source launcher to compile it again at every start.
     *
     * @param file      the source file, from the root of the kit
     * @param mainClass its class, e.g. {@code lab03.OutboxChatServer}
     */
    static String javaSource(String file, String mainClass, String arguments) {
        return compiledAlone(GradingRun.ROOT.resolve(file), mainClass, arguments);
    }

    /**
     * A single-file Java program of the kit with one realistic bug put in: {@code file} with its
     * one occurrence of {@code find} replaced by {@code bug}, compiled and run as {@link #javaSource}
     * does. The bug stands in the test, beside what must catch it; the program is not copied whole.
     */
    static String patchedJavaSource(String file, String mainClass, String find, String bug, String arguments) {
        Path source = GradingRun.ROOT.resolve(file);
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            if (text.indexOf(find) < 0 || text.indexOf(find) != text.lastIndexOf(find)) {
                throw new IllegalArgumentException(file + " must contain exactly once: " + find);
            }
            Path folder = Files.createTempDirectory(Files.createDirectories(
                    GradingRun.ROOT.resolve("selftest/target/patched")), mainClass);
            Path patched = folder.resolve(source.getFileName());
            Files.writeString(patched, text.replace(find, bug), StandardCharsets.UTF_8);
            return compiledAlone(patched, mainClass, arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String compiledAlone(Path file, String mainClass, String arguments) {
        Path classes;
        try {
            classes = Files.createTempDirectory(Files.createDirectories(
                    GradingRun.ROOT.resolve("selftest/target/single-file")), mainClass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-encoding", "UTF-8", "-proc:none",
                "-implicit:none", "-sourcepath", "", "-cp", "", file.toString());
        if (status != 0) {
            throw new IllegalStateException(file + " does not compile alone (see javac's errors above)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JVM options the grader gives the Java sources it compiles itself (TestSession).
        return quote(java) + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp " + quote(classes.toString())
                + " " + mainClass + " " + arguments;
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

    /**
     * The same row for a correct script with one realistic bug put in: {@code correct} with its
     * one occurrence of {@code find} replaced by {@code bug}. The bug stands in the table, next
     * to the test that must catch it, and the script is not copied whole for one line.
     */
    static Arguments patchedBug(Role role, String interpreter, String correct, String find, String bug, String caughtBy,
                                String... mentions) {
        String command = patched(interpreter, correct, find, bug, role == Role.SERVER ? "{port}" : "{host} {port}");
        return Arguments.of(correct + " with " + bug.strip(), role, command, caughtBy, mentions);
    }

    /**
     * The command for {@code correct} (a script under src/test/resources/programs) with its one
     * occurrence of {@code find} replaced by {@code replacement}, run by {@code interpreter}.
     */
    static String patched(String interpreter, String correct, String find, String replacement, String arguments) {
        Path source = GradingRun.ROOT.resolve("selftest/src/test/resources/programs").resolve(correct);
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            if (text.indexOf(find) < 0 || text.indexOf(find) != text.lastIndexOf(find)) {
                throw new IllegalArgumentException(correct + " must contain exactly once: " + find);
            }
            Path folder = Files.createDirectories(GradingRun.ROOT.resolve("selftest/target/patched"));
            String fileName = source.getFileName().toString();
            Path patched = Files.createTempFile(folder, fileName.substring(0, fileName.lastIndexOf('.')) + "-",
                    fileName.substring(fileName.lastIndexOf('.')));
            Files.writeString(patched, text.replace(find, replacement), StandardCharsets.UTF_8);
            return interpreter + " " + quote(patched.toString()) + " " + arguments;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
