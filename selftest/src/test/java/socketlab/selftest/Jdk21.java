package socketlab.selftest;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK 21 or newer, for what the kit keeps beside its JDK 17 build: lab 05's virtual-thread
 * server and its virtual-thread fixture. It is the JDK running the tests if that is 21+;
 * otherwise {@code JAVA21_HOME}, or a JDK 21+ installed beside the running one (e.g. under
 * /usr/lib/jvm). Where there is none, the tests that need it are skipped with one line.
 */
final class Jdk21 {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private final Path home;

    private Jdk21(Path home) {
        this.home = home;
    }

    /** The JDK 21+ to use, or the test is skipped (aborted) with one line saying why. */
    static Jdk21 orSkip(String what) {
        return find().orElseGet(() -> abort(what + " needs a JDK 21 or newer (virtual threads); the tests run on Java "
                + Runtime.version().feature() + " and found none beside it, so it is skipped: set JAVA21_HOME to grade it."));
    }

    static Optional<Jdk21> find() {
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= 21) {
            return Optional.of(new Jdk21(running));
        }
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA21_HOME")).map(Path::of).ifPresent(candidates::add);
        Path parent = running.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try (Stream<Path> siblings = Files.list(parent)) {
                siblings.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            } catch (IOException e) {
                // nothing beside it
            }
        }
        return candidates.stream().filter(home -> feature(home) >= 21)
                .filter(home -> Files.isExecutable(home.resolve("bin/javac"))).findFirst().map(Jdk21::new);
    }

    private static int feature(Path home) {
        try {
            Matcher version = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    String java() {
        return home.resolve("bin/java").toString();
    }

    /** Compiles every .java file under {@code sources} with this JDK's javac, into {@code classes}. */
    Path compile(Path sources, Path classes) {
        try (Stream<Path> walk = Files.walk(sources)) {
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/javac").toString(), "--release", "21",
                    "-encoding", "UTF-8", "-d", classes.toString()));
            walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(command::add);
            Files.createDirectories(classes);
            Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!javac.waitFor(120, TimeUnit.SECONDS) || javac.exitValue() != 0) {
                javac.destroyForcibly();
                throw new IllegalStateException("javac of " + sources + " failed:\n" + output);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
