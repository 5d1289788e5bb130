package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grading a class must give each student exactly what grading them alone gives: the class
 * command runs several submissions at once in one JVM, and nothing of one may leak into
 * another's verdict. Twenty synthetic submissions (grader/make-class.sh: solutions, starters
 * and buggy fixtures, in both folder shapes, one that does not compile, one in the wrong
 * shape) are graded on lab 01 by the class command, then each alone, and compared test by
 * test. Lab 01 only, to keep the kit's suite short: the other labs go through the same code.
 */
class ClassGradingTest {
    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    private static final int STUDENTS = 20;
    /**
     * Both sides wait twice as long as by default: this test runs beside the rest of the kit's
     * suite, often on a shared machine, and what it checks is that both sides agree.
     */
    private static final String SCALE = "2";
    /**
     * Lab 01's buggy fixtures that fail fast. The others (a server that never flushes, never
     * closes, or ignores its port) cost the grader's full waits on most tests, alone and in the
     * class: minutes of the kit's suite that prove nothing more here.
     */
    private static final String QUICK_FIXTURES = "Crlf|Prefixing|SkipsEmptyLines|RawCopy|DefaultCharset|StackTrace"
            + "|QuitsAtEndOfInput|CrashesOnReset|ReadSize|SelectorEcho";

    @TempDir
    Path work;

    @Test
    void eachStudentsScoresAreTheScoresOfGradingThemAlone() throws Exception {
        Path submissions = work.resolve("class");
        makeClass(submissions, STUDENTS, QUICK_FIXTURES);
        // One more of each kind the class command must survive: a lab that does not compile, a folder of the wrong shape.
        Path broken = Submission.of(submissions.resolve("student003")).target().orElseThrow()
                .resolve("lab01-echo/src/main/java/lab01/EchoClient.java");
        Files.writeString(broken, "class Oops { int x = }\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Path wrong = submissions.resolve("student020");
        deleteTree(wrong);
        Files.createDirectories(wrong.resolve("Downloads"));

        ClassGrading.Options options = ClassGrading.parse(new String[] {submissions.toString(), "--labs", "lab01",
                "--jobs", "3", "--budget", "900", "--kit", ROOT.toString(), "--out", work.resolve("grades").toString(),
                "-Dgrader.timeoutScale=" + SCALE});
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ClassGrading.ClassResult result = new ClassGrading(options, new PrintStream(console, true, StandardCharsets.UTF_8))
                .run();

        Map<String, Map<String, String>> csv = readCsv(result.csv());
        assertThat(csv).as("one row per student, none missing").hasSize(STUDENTS);
        assertThat(csv.get("student020").get("reason")).startsWith("Not graded: found no lab folder");
        assertThat(csv.get("student003").get("reason")).contains("lab01-echo does not compile");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("20/20 graded", "1 failed to compile",
                "class.html");
        assertThat(result.page()).exists();

        // Each submission graded alone, as its own `mvn -pl grader test` would: three such runs at a time, like the
        // class (they mostly wait on sockets), so that this proof costs the suite a minute or two, not five.
        ExecutorService alonePool = Executors.newFixedThreadPool(3);
        Map<String, Future<Map<String, Double>>> gradedAlone = new LinkedHashMap<>();
        for (Submission submission : Submission.findAll(submissions, null)) {
            submission.target().ifPresent(target -> gradedAlone.put(submission.name(),
                    alonePool.submit(() -> gradeAlone(submission.name(), target))));
        }
        alonePool.shutdown();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Submission submission : Submission.findAll(submissions, null)) {
            Map<String, String> row = csv.get(submission.name());
            if (submission.target().isEmpty()) {
                assertThat(row.entrySet()).filteredOn(cell -> cell.getKey().startsWith("total"))
                        .singleElement().extracting(Map.Entry::getValue).isEqualTo("0");
                continue;
            }
            assertThat(work.resolve("grades/students").resolve(submission.name()).resolve("report.html")).exists();
            Map<String, Double> alone = gradedAlone.get(submission.name()).get();
            assertThat(alone).as("tests graded alone for %s", submission.name()).isNotEmpty();
            for (Map.Entry<String, Double> test : alone.entrySet()) {
                String inClass = row.get(test.getKey());
                if (inClass == null || Double.parseDouble(inClass) != test.getValue()) {
                    mismatches.add(submission.name() + " / " + test.getKey() + ": alone " + test.getValue()
                            + ", in the class " + inClass + "; the failure's report:\n" + failuresAlone.getOrDefault(
                            submission.name() + " / " + test.getKey(), "(none)") + "\n" + reportInClass(submission.name(),
                            test.getKey()));
                }
                compared++;
            }
        }
        assertThat(mismatches).as("scores that differ between the class and grading alone").isEmpty();
        assertThat(compared).as("tests compared").isGreaterThan(19 * 20);

        // Graded again with nothing changed: nothing is graded, every row is kept (but a grading done on an
        // overloaded machine, which is not kept as final, is done again).
        long overloaded = result.grades().stream().filter(grade -> grade.reason().contains("overloaded")).count();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new ClassGrading(options, new PrintStream(again, true, StandardCharsets.UTF_8)).run();
        assertThat(again.toString(StandardCharsets.UTF_8))
                .contains("(" + overloaded + " graded, " + (STUDENTS - overloaded) + " unchanged since the last run)");
        if (overloaded == 0) {
            assertThat(readCsv(result.csv())).isEqualTo(csv);
        }
    }

    @Test
    void aSubmissionThatHangsCostsOnlyItsBudgetAndKeepsItsRow() throws IOException {
        Path submissions = work.resolve("hanging");
        Path lab = submissions.resolve("carol/lab01-echo/src/main/java/lab01");
        Files.createDirectories(lab);
        Files.copy(ROOT.resolve("solutions/src/main/java/lab01/EchoServer.java"), lab.resolve("EchoServer.java"));
        Files.copy(ROOT.resolve("solutions/src/main/java/lab01/EchoClient.java"), lab.resolve("EchoClient.java"));
        String neverListens = "python3 " + ROOT.resolve("selftest/src/test/resources/programs/hostile/never_listens.py");
        ClassGrading.Options options = ClassGrading.parse(new String[] {submissions.toString(), "--labs", "lab01",
                "--budget", "10", "--kit", ROOT.toString(), "--out", work.resolve("hanging-grades").toString(),
                "-Dgrader.lab01.server=" + neverListens + " {port}"});

        // No timing is asserted (the machine may be slow): that the run ends, with the reason, is the point.
        ClassGrading.ClassResult result = new ClassGrading(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();

        StudentGrade carol = result.grades().get(0);
        assertThat(carol.reason()).contains("tests not run", "--budget 10 per lab");
        assertThat(carol.tests()).anyMatch(test -> test.status().equals("NOT_RUN"));
        assertThat(readCsv(result.csv())).containsKey("carol");
    }

    @Test
    void aFolderInTheWrongShapeGetsOneSentenceSayingWhatWasExpected() throws IOException {
        Path folder = work.resolve("bob");
        Files.createDirectories(folder.resolve("homework"));
        Files.writeString(folder.resolve("EchoServer.java"), "class EchoServer {}");

        Submission bob = Submission.of(folder);

        assertThat(bob.target()).isEmpty();
        assertThat(bob.problem().orElseThrow()).contains("lab01-echo/src/main/java", "EchoServer.java, homework/")
                .doesNotContain("\n");
    }

    @Test
    void aCheckoutOneFolderDownIsFoundAndItsFingerprintFollowsItsSources() throws IOException {
        Path lab = work.resolve("alice/socket-lab-kit-main/lab01-echo/src/main/java/lab01");
        Files.createDirectories(lab);
        Files.writeString(lab.resolve("EchoServer.java"), "package lab01; class EchoServer {}");
        Submission alice = Submission.of(work.resolve("alice"));
        assertThat(alice.target()).contains(work.resolve("alice/socket-lab-kit-main"));

        String before = alice.fingerprint(List.of(Lab.LAB01), "options");
        assertThat(alice.fingerprint(List.of(Lab.LAB01), "options")).isEqualTo(before);
        assertThat(alice.fingerprint(List.of(Lab.LAB01), "other options")).isNotEqualTo(before);
        Files.writeString(lab.resolve("EchoServer.java"), "package lab01; class EchoServer { }");
        assertThat(alice.fingerprint(List.of(Lab.LAB01), "options")).isNotEqualTo(before);
    }

    /** Grades one submission's lab 01 as `mvn -pl grader test -Dgroups=lab01 -Dgrader.target=...` does, in-process. */
    /** What each failed test said when its submission was graded alone, by "student / test". */
    private final Map<String, String> failuresAlone = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a test said in the class grading, from that student's grading.json. */
    private String reportInClass(String student, String test) {
        return StudentGrade.read(work.resolve("grades/students").resolve(student))
                .flatMap(grade -> grade.tests().stream().filter(t -> t.name().equals(test)).findFirst())
                .map(t -> "in the class: " + t.status() + ", " + t.headline() + " " + t.hint())
                .orElse("(not in the class's grading.json)");
    }

    private Map<String, Double> gradeAlone(String student, Path target) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(GraderConfig.ROOT, ROOT.toString());
        parameters.put(GraderConfig.TARGET, target.toString());
        parameters.put(GraderConfig.REPORT_DIR, Files.createTempDirectory(work, "alone").toString());
        parameters.put(GraderConfig.TIMEOUT_SCALE, SCALE);
        Map<String, Double> scores = new TreeMap<>();
        TestExecutionListener collector = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                ScoreReport.graded(test).ifPresent(graded -> {
                    RunRecord.Test graded1 = RunRecord.test(test, graded);
                    synchronized (scores) {
                        scores.put(graded1.name(), result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                                ? graded1.points() : 0.0);
                    }
                    result.getThrowable().ifPresent(failure -> failuresAlone.put(student + " / " + graded1.name(),
                            GradedTestFailure.reportOf(failure)));
                });
            }
        };
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("socketlab.grader.lab01"))
                .filters(TagFilter.includeTags("lab01"))
                .configurationParameters(parameters)
                .build(), collector);
        return scores;
    }

    private static Map<String, Map<String, String>> readCsv(Path file) throws IOException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                rows.put(record.get("student"), record.toMap());
            }
        }
        return rows;
    }

    private static void makeClass(Path folder, int students, String fixtures) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", ROOT.resolve("grader/make-class.sh").toString(), folder.toString(),
                String.valueOf(students), fixtures).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("make-class.sh ended").isTrue();
        assertThat(process.exitValue()).as("make-class.sh: %s", output).isZero();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
