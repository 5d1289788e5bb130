package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socketlab.grader.Lab;

/**
 * The student edition an instructor hands out (tools/StudentEdition.java) holds nothing of the
 * answers or of the kit's own tests, and works as a fresh repository: with the reference
 * solutions copied into its labs, its own workflow's grading command gives full marks. That
 * command runs as a nested Maven build, offline (the local repository already holds everything).
 */
class StudentEditionTest {
    private static final Path ROOT = GradingRun.ROOT;

    @Test
    void theEditionHasNoAnswersAndItsWorkflowGradesTheReferenceAtFullMarks(@TempDir Path scratch) throws Exception {
        assumeTrue(onPath("git") && onPath("mvn"), "git and mvn are needed to build the edition as a repository");
        Path edition = scratch.resolve("socket-labs");
        run(ROOT, scratch.resolve("edition.log"), 120, java(), "tools/StudentEdition.java", edition.toString());

        assertHoldsNothingOf(edition, "solutions", "selftest");
        assertThat(Files.readString(edition.resolve("pom.xml"))).doesNotContain("<module>solutions", "<module>selftest");
        try (ZipFile zip = new ZipFile(scratch.resolve("socket-labs-gradescope.zip").toFile())) {
            assertThat(zip.getEntry("setup.sh")).isNotNull();
            assertThat(zip.getEntry("run_autograder")).isNotNull();
            assertThat(zip.getEntry("grader/pom.xml")).isNotNull();
            assertThat(zip.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.startsWith("solutions/") || name.startsWith("selftest/"));
        }

        run(edition, scratch.resolve("git.log"), 60, "git", "init", "-q");
        run(edition, scratch.resolve("git.log"), 60, "git", "add", "-A");
        run(edition, scratch.resolve("git.log"), 60, "git", "-c", "user.name=Kit", "-c", "user.email=kit@example.org",
                "commit", "-q", "-m", "Socket labs");
        copyTheSolutionsInto(edition);

        Path log = scratch.resolve("grade.log");
        int status = runStatus(edition, log, 1200, "bash", "-c", workflowGradingCommand(edition) + " -o");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(status).as("exit status of the workflow's grading command; its output:%n%s", tail(output)).isZero();
        JsonNode results = new ObjectMapper().readTree(edition.resolve("grader/target/grader/results.json").toFile());
        List<String> notPassed = new ArrayList<>();
        for (JsonNode test : results.get("tests")) {
            if (test.get("max_score").asDouble() > 0 && !"passed".equals(test.get("status").asText())) {
                notPassed.add(test.get("name").asText());
            }
        }
        assertThat(notPassed).as("required tests not passed in the edition").isEmpty();
        assertThat(output).contains("Full marks");
    }

    /** The command of the workflow's step {@code id: grade}, as GitHub runs it (bash). */
    private static String workflowGradingCommand(Path edition) throws IOException {
        List<String> lines = Files.readAllLines(edition.resolve(".github/workflows/grade.yml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("id: grade") && lines.get(i + 1).strip().startsWith("run: ")) {
                return lines.get(i + 1).strip().substring("run: ".length());
            }
        }
        throw new AssertionError("grade.yml has no step with id: grade followed by run:");
    }

    /** No file of these folders of the kit, by path or by content, is in the edition. */
    private static void assertHoldsNothingOf(Path edition, String... folders) throws IOException {
        Set<String> paths = new HashSet<>();
        Set<String> contents = new HashSet<>();
        for (String folder : folders) {
            for (Path file : files(ROOT.resolve(folder))) {
                paths.add(ROOT.relativize(file).toString());
                if (file.toString().endsWith(".java")) {
                    contents.add(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (Path file : files(edition)) {
            String relative = edition.relativize(file).toString();
            assertThat(paths).as("a file of the kit's %s in the edition", Arrays.toString(folders)).doesNotContain(relative);
            assertThat(contents).as("%s has the content of a reference or self-test file", relative)
                    .doesNotContain(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        assertThat(edition.resolve("solutions")).doesNotExist();
        assertThat(edition.resolve("selftest")).doesNotExist();
    }

    private static void copyTheSolutionsInto(Path edition) throws IOException {
        for (Lab lab : Lab.values()) {
            Path from = ROOT.resolve("solutions/src/main/java").resolve(lab.tag());
            for (Path file : files(from)) {
                Path to = edition.resolve(lab.module()).resolve("src/main/java").resolve(lab.tag()).resolve(from.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/target/")
                    && !file.toString().contains("/.git/")).toList();
        }
    }

    private static void run(Path folder, Path log, int seconds, String... command) throws Exception {
        int status = runStatus(folder, log, seconds, command);
        assertThat(status).as("%s exited with %d:%n%s", String.join(" ", command), status,
                tail(Files.readString(log, StandardCharsets.UTF_8))).isZero();
    }

    private static int runStatus(Path folder, Path log, int seconds, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s");
        }
        return process.exitValue();
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
