package socketlab.grader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * One student's grading in a class run, as {@code grading.json} keeps it beside the student's
 * report: what the class pages and grades.csv need (every test's points and, for a failure,
 * its headline and hint), and the fingerprint of the sources it was graded from, so that an
 * unchanged submission is not graded again.
 *
 * @param student     the student's folder name
 * @param fingerprint what the grading depended on (sources and options), see {@link Submission#fingerprint}
 * @param reason      why some or all of it scored zero without running (wrong shape, no sources, compile
 *                    error, time limit), or empty
 * @param compiled    false when a lab asked for did not compile
 * @param seconds     how long the grading took
 * @param tests       every test planned, in handout order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StudentGrade(String student, String fingerprint, String reason, boolean compiled, double seconds,
                    List<TestGrade> tests) {
    static final String FILE = "grading.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One test's result for one student. {@code name} is the test's name in results.json. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TestGrade(String name, String lab, String role, String displayName, int points, boolean extraCredit,
                     String status, double score, String headline, String hint, double seconds, boolean unstarted) {
        boolean passed() {
            return RunRecord.Status.PASSED.name().equals(status);
        }
    }

    double score() {
        return tests.stream().mapToDouble(TestGrade::score).sum();
    }

    double score(Lab lab) {
        return tests.stream().filter(t -> t.lab().equals(lab.tag())).mapToDouble(TestGrade::score).sum();
    }

    static StudentGrade of(String student, String fingerprint, String reason, boolean compiled, double seconds,
                           List<RunRecord.Outcome> outcomes) {
        List<TestGrade> tests = outcomes.stream().map(o -> new TestGrade(o.test().name(), o.test().lab().tag(),
                o.test().role().tag(), o.test().displayName(), o.test().points(), o.test().extraCredit(),
                o.status().name(), o.score(), o.status() == RunRecord.Status.FAILED ? ReportPage.headline(o) : "",
                o.status() == RunRecord.Status.FAILED ? ReportPage.hint(o) : "", o.seconds(),
                o.status() == RunRecord.Status.FAILED && o.details().map(d -> d.stage().unstarted()).orElse(false)))
                .toList();
        return new StudentGrade(student, fingerprint, reason, compiled, seconds, tests);
    }

    void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve(FILE + ".tmp");
        JSON.writeValue(temporary.toFile(), this);
        Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The grading kept from an earlier run, if there is one that can be read. */
    static Optional<StudentGrade> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StudentGrade.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
