import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the student edition of this kit into a new folder, ready to push as a template
 * repository, and the Gradescope autograder zip beside it:
 *
 * <pre>java tools/StudentEdition.java ../socket-labs</pre>
 *
 * (run from the root of the kit). The edition has the labs, their handouts, SPEC.md and the
 * grader, intact; it has no reference solutions and none of the kit's own tests, its root pom
 * lists only the labs and the grader, its README is written for students, and it carries a
 * GitHub Actions workflow that grades every push. The zip ({@code FOLDER-gradescope.zip}) is
 * the edition with Gradescope's {@code setup.sh} and {@code run_autograder} at its top.
 *
 * It is one Java file so that it needs only the JDK, like everything a student runs.
 */
public class StudentEdition {
    /** Folders of the kit that stay out, wherever they are. */
    private static final Set<String> LEFT_OUT_FOLDERS = Set.of("target", ".git", ".idea", ".vscode", ".settings");
    /** Paths of the kit (from its root) that stay out: the answers, the kit's own tests and tools. */
    private static final Set<String> LEFT_OUT = Set.of("solutions", "selftest", ".ci", "CONTRIBUTING.md", "README.md",
            "grader/README.md", "grader/measure.sh", "tools/StudentEdition.java", "tools/edition");

    public static void main(String[] args) throws IOException {
        Path kit = Path.of("").toAbsolutePath();
        if (args.length != 1) {
            fail("Give the folder to write the student edition into: java tools/StudentEdition.java ../socket-labs");
        }
        if (!Files.isRegularFile(kit.resolve("grader/pom.xml")) || !Files.isDirectory(kit.resolve("tools/edition"))) {
            fail("Run this from the root of the kit (the folder with grader/ and tools/), not from " + kit + ".");
        }
        Path edition = kit.resolve(args[0]).toAbsolutePath().normalize();
        if (edition.startsWith(kit)) {
            fail(edition + " is inside the kit: give a folder outside it, e.g. ../socket-labs.");
        }
        if (Files.exists(edition) && !isEmptyFolder(edition)) {
            fail(edition + " already exists and is not empty: give a new folder (nothing is overwritten).");
        }
        copyKit(kit, edition);
        writeRootPom(kit, edition);
        Files.copy(kit.resolve("tools/edition/README.md"), edition.resolve("README.md"));
        Files.createDirectories(edition.resolve(".github/workflows"));
        Files.copy(kit.resolve("tools/edition/grade.yml"), edition.resolve(".github/workflows/grade.yml"));
        Path zip = edition.resolveSibling(edition.getFileName() + "-gradescope.zip");
        writeGradescopeZip(kit, edition, zip);
        System.out.println("Student edition: " + edition);
        System.out.println("  push it as a template repository: cd " + edition
                + " && git init && git add -A && git commit -m 'Socket labs'");
        System.out.println("Gradescope autograder: " + zip);
    }

    private static void copyKit(Path kit, Path edition) throws IOException {
        try (Stream<Path> files = Files.walk(kit)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> kept(kit.relativize(file))).toList()) {
                Path copy = edition.resolve(kit.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static boolean kept(Path relative) {
        for (Path part : relative) {
            if (LEFT_OUT_FOLDERS.contains(part.toString())) {
                return false;
            }
        }
        String path = relative.toString().replace('\\', '/');
        return LEFT_OUT.stream().noneMatch(out -> path.equals(out) || path.startsWith(out + "/"));
    }

    /** The kit's root pom, without the modules that stay out. */
    private static void writeRootPom(Path kit, Path edition) throws IOException {
        String pom = Files.readString(kit.resolve("pom.xml"), StandardCharsets.UTF_8);
        String trimmed = pom.replaceAll("\\n\\s*<module>(solutions|selftest)</module>", "");
        if (trimmed.contains("<module>solutions</module>") || trimmed.contains("<module>selftest</module>")) {
            fail("The kit's pom.xml lists its modules in an unexpected way: remove solutions and selftest by hand.");
        }
        Files.writeString(edition.resolve("pom.xml"), trimmed, StandardCharsets.UTF_8);
    }

    private static void writeGradescopeZip(Path kit, Path edition, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(edition)) {
            for (String script : List.of("setup.sh", "run_autograder")) {
                add(entries, script, kit.resolve("grader/gradescope").resolve(script));
            }
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = edition.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith(".github/")) {
                    add(entries, name, file);
                }
            }
        }
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static boolean isEmptyFolder(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fail(String sentence) {
        System.err.println(sentence);
        System.exit(1);
    }
}
