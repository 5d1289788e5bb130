package socketlab.loadtool;

import java.io.IOException;
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
 * The servers the tool knows by name, compiled from the kit's reference solutions (or, where
 * there are none, from the student's own labs):
 * {@code selector} (lab05.ChatServer), {@code threads} (lab04.ChatServer, a thread per
 * client) and {@code virtual} (lab05.VirtualThreadChatServer, with a JDK 21 or newer: the
 * running one, JAVA21_HOME, or one installed beside the running JDK). Any other server is
 * given as {@code NAME=COMMAND}. Each Java server runs as the grader runs it: SerialGC, C1.
 */
final class Servers {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    /** A server to measure, or the one line saying why it is skipped. */
    record Command(String name, String line, String skipped) {
    }

    private Servers() {
    }

    static Command resolve(String server, Path out) throws IOException, InterruptedException {
        int equals = server.indexOf('=');
        if (equals > 0) {
            return new Command(server.substring(0, equals), server.substring(equals + 1), null);
        }
        Path running = Path.of(System.getProperty("java.home"));
        return switch (server) {
            case "selector" -> java(server, running, sources("solutions/src/main/java/lab05", "lab05-scale/src/main/java/lab05"),
                    "lab05.ChatServer", out);
            case "threads" -> java(server, running, sources("solutions/src/main/java/lab04",
                    "lab04-nicknames/src/main/java/lab04"), "lab04.ChatServer", out);
            case "virtual" -> jdk21(running).map(home -> {
                try {
                    return java(server, home, Path.of("solutions/src/main/java21/lab05"), "lab05.VirtualThreadChatServer",
                            out);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).orElse(new Command(server, null, "Skipping virtual (lab05.VirtualThreadChatServer): it needs a JDK 21 or"
                    + " newer, this is Java " + Runtime.version().feature() + " and none was found beside it; set"
                    + " JAVA21_HOME to measure it."));
            default -> throw new Options.UsageException("Unknown server " + server + ": use selector, threads, virtual"
                    + " or NAME=COMMAND.");
        };
    }

    /**
     * The kit's reference where there is one; in a student's edition of the kit (no
     * solutions folder), the student's own lab: "threads" is then their lab 04 server.
     */
    private static Path sources(String reference, String lab) {
        Path solutions = Path.of(reference);
        return Files.isDirectory(solutions) ? solutions : Path.of(lab);
    }

    private static Command java(String name, Path jdk, Path sources, String mainClass, Path out)
            throws IOException, InterruptedException {
        Path classes = out.resolve("classes").resolve(name).toAbsolutePath();
        Files.createDirectories(classes);
        List<String> javac = new ArrayList<>(List.of(jdk.resolve("bin/javac").toString(), "-encoding", "UTF-8", "-d",
                classes.toString()));
        try (Stream<Path> files = Files.list(sources)) {
            files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(javac::add);
        }
        Process compile = new ProcessBuilder(javac).redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!compile.waitFor(120, TimeUnit.SECONDS) || compile.exitValue() != 0) {
            throw new IOException("could not compile " + sources + ":\n" + output);
        }
        String line = jdk.resolve("bin/java") + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp " + classes + " "
                + mainClass + " {port}";
        return new Command(name, line, null);
    }

    private static Optional<Path> jdk21(Path running) {
        if (Runtime.version().feature() >= 21) {
            return Optional.of(running);
        }
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA21_HOME")).map(Path::of).ifPresent(candidates::add);
        if (running.getParent() != null) {
            try (Stream<Path> siblings = Files.list(running.getParent())) {
                siblings.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            } catch (IOException e) {
                // none beside it
            }
        }
        return candidates.stream().filter(home -> feature(home) >= 21)
                .filter(home -> Files.isExecutable(home.resolve("bin/javac"))).findFirst();
    }

    private static int feature(Path home) {
        try {
            Matcher version = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
