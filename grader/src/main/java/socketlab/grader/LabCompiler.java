package socketlab.grader;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one lab's Java sources with the JDK's own compiler, in-process, into a folder
 * of the grader's. That is what lets {@code mvn -pl grader test} grade a fresh clone with no
 * {@code install}, always on the current sources, and lets a lab that does not compile fail
 * only its own tests, with the compiler's own words.
 */
public final class LabCompiler {
    private static final int MAX_ERRORS_SHOWN = 8;

    private final Path outputRoot;

    /** @param outputRoot where compiled labs go, one folder per target and lab */
    public LabCompiler(Path outputRoot) {
        this.outputRoot = outputRoot;
    }

    /** Where the sources of {@code lab} are in {@code target}: a checkout, or the solutions module. */
    static Path sourceFolder(Path target, Lab lab) {
        Path inCheckout = target.resolve(lab.module()).resolve("src/main/java");
        if (Files.isDirectory(inCheckout)) {
            return inCheckout;
        }
        Path inModule = target.resolve("src/main/java").resolve(lab.tag());
        if (Files.isDirectory(inModule)) {
            return inModule;
        }
        throw new GraderSetupException("Found no sources of " + lab.tag() + " in " + target + ": expected the folder "
                + lab.module() + "/src/main/java (a checkout of the kit) or src/main/java/" + lab.tag()
                + " (the solutions module). Check -Dgrader.target.", WorkStage.NO_SOURCES);
    }

    /** Compiles the lab and returns the folder of its classes. */
    public Path compile(Path target, Lab lab) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new GraderSetupException("The grader needs a JDK, but it runs on a Java runtime without a compiler ("
                    + System.getProperty("java.home") + "): install a JDK 17 or newer and point JAVA_HOME at it.");
        }
        Path sources = sourceFolder(target, lab);
        List<Path> files = javaFiles(sources);
        if (files.isEmpty()) {
            throw new GraderSetupException("There are no .java files in " + sources + ", so " + lab.tag()
                    + " cannot be graded: put the lab's sources back (git checkout -- " + lab.module() + ").", WorkStage.NO_SOURCES);
        }
        Path classes = outputFolder(target, lab);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter compilerOutput = new StringWriter();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH,
                StandardCharsets.UTF_8)) {
            recreate(classes);
            List<String> options = List.of("-d", classes.toString(), "-encoding", "UTF-8", "-g", "-nowarn",
                    "-proc:none", "-implicit:none", "-Xlint:none", "-sourcepath", "");
            boolean ok = compiler.getTask(compilerOutput, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new GraderSetupException(describeErrors(lab, target, diagnostics.getDiagnostics()),
                        WorkStage.DOES_NOT_COMPILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private Path outputFolder(Path target, Lab lab) {
        String name = target.getFileName() == null ? "root" : target.getFileName().toString();
        String key = name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + Integer.toHexString(target.toString().hashCode());
        return outputRoot.resolve(key).resolve(lab.tag());
    }

    private static String describeErrors(Lab lab, Path target, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        StringBuilder out = new StringBuilder();
        out.append(lab.module()).append(" does not compile, so its tests cannot run: fix the first error below (")
                .append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append(" in all), then grade again.\n");
        for (Diagnostic<? extends JavaFileObject> error : errors.subList(0, Math.min(MAX_ERRORS_SHOWN, errors.size()))) {
            String file = error.getSource() == null ? "?" : target.relativize(Path.of(error.getSource().toUri())).toString();
            out.append("\n  ").append(file).append(':').append(error.getLineNumber()).append(": error: ")
                    .append(error.getMessage(Locale.ENGLISH).replace("\n", "\n      "));
            sourceLine(error).ifPresent(line -> out.append("\n      ").append(line.strip()));
        }
        if (errors.size() > MAX_ERRORS_SHOWN) {
            out.append("\n  ... and ").append(errors.size() - MAX_ERRORS_SHOWN).append(" more.");
        }
        return out.toString();
    }

    private static java.util.Optional<String> sourceLine(Diagnostic<? extends JavaFileObject> error) {
        if (error.getSource() == null || error.getLineNumber() < 1) {
            return java.util.Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(error.getSource().toUri()), StandardCharsets.UTF_8);
            int index = (int) error.getLineNumber() - 1;
            return index < lines.size() ? java.util.Optional.of(lines.get(index)) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<Path> javaFiles(Path sources) {
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void recreate(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(folder);
    }
}
