package socketlab.grader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Keeps the score of a grading run. After every graded test it rewrites
 * {@code results.json} in Gradescope's format (so a run that breaks part-way still leaves
 * the results of the tests that ran), and at the end it prints a score table per lab.
 * JUnit finds it through {@code META-INF/services}; it ignores tests without {@link Graded}.
 */
public final class ScoreReport implements TestExecutionListener {
    /** The report entry through which the grader's extension tells the run's random seed. */
    static final String SEED_ENTRY = "grader.seed";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream console;
    private final List<Entry> entries = new ArrayList<>();
    /** The same run test by test, failures in parts, for the report page. */
    private final RunRecord record = new RunRecord();
    private String target;
    private Path reportDir;
    private long startNanos;
    private boolean planHasGradedTests;
    private String notRun;
    private String seed;

    public ScoreReport() {
        this(System.out);
    }

    ScoreReport(PrintStream console) {
        this.console = console;
    }

    /** One graded test's outcome, as Gradescope reads it. */
    @JsonPropertyOrder({"name", "score", "max_score", "status", "tags", "output", "output_format", "visibility"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, double score, @JsonProperty("max_score") double maxScore, String status,
                        List<String> tags, String output, @JsonProperty("output_format") String outputFormat,
                        String visibility, @com.fasterxml.jackson.annotation.JsonIgnore Lab lab,
                        @com.fasterxml.jackson.annotation.JsonIgnore int points,
                        @com.fasterxml.jackson.annotation.JsonIgnore boolean extraCredit) {
        boolean passed() {
            return "passed".equals(status);
        }
    }

    /** The whole file: Gradescope sums the tests' scores when "score" is absent; we give it. */
    @JsonPropertyOrder({"score", "execution_time", "output", "visibility", "stdout_visibility", "tests"})
    public record Results(double score, @JsonProperty("execution_time") double executionTime, String output,
                          String visibility, @JsonProperty("stdout_visibility") String stdoutVisibility,
                          List<Entry> tests) {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        startNanos = System.nanoTime();
        reportDir = testPlan.getConfigurationParameters().get(GraderConfig.REPORT_DIR).map(Path::of)
                .orElse(Path.of("target", "grader"));
        planHasGradedTests = testPlan.countTestIdentifiers(id -> id.isTest() && graded(id).isPresent()) > 0;
        target = testPlan.getConfigurationParameters().get(GraderConfig.TARGET).orElse("this checkout");
        record.plan(testPlan);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, org.junit.platform.engine.reporting.ReportEntry entry) {
        entry.getKeyValuePairs().entrySet().stream().filter(pair -> pair.getKey().equals(SEED_ENTRY)).findFirst()
                .ifPresent(pair -> {
                    synchronized (entries) {
                        seed = pair.getValue();
                    }
                });
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            record.started(test);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Optional<Throwable> setupError = result.getThrowable().filter(GraderSetupException.class::isInstance);
        if (test.isContainer() && setupError.isPresent()) {
            synchronized (entries) {
                notRun = setupError.get().getMessage();
                record.notRun(notRun);
            }
            return;
        }
        Optional<Graded> graded = graded(test);
        if (!test.isTest() || graded.isEmpty()) {
            return;
        }
        synchronized (entries) {
            Entry entry = entry(test, graded.get(), result);
            entries.add(entry);
            record.finished(test, graded.get(), result, entry.output());
            write(false);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        synchronized (entries) {
            if (notRun != null) {
                writeNotRun("Grader not run: " + notRun);
                return;
            }
            if (entries.isEmpty()) {
                if (!planHasGradedTests && isGraderRun(testPlan)) {
                    writeNotRun("No graded test ran. -Dgroups takes the tags " + Lab.tags() + ", server and"
                            + " client, e.g. -Dgroups=lab01 or -Dgroups=\"lab03 & server\".");
                }
                return;
            }
            write(true);
        }
    }

    /** The run test by test, for whoever launched it (the class grading). */
    RunRecord record() {
        return record;
    }

    private static boolean isGraderRun(TestPlan testPlan) {
        return testPlan.getConfigurationParameters().get(GraderConfig.REPORT_DIR).isPresent();
    }

    private static Entry entry(TestIdentifier test, Graded graded, TestExecutionResult result) {
        List<String> tags = test.getTags().stream().map(TestTag::getName).sorted().toList();
        Lab lab = Lab.fromTags(tags).orElseThrow(() -> new IllegalStateException(test.getDisplayName()
                + " is graded but has no lab tag (" + Lab.tags() + ")"));
        String role = Role.fromTags(tags).map(Role::tag).orElseThrow(() -> new IllegalStateException(
                test.getDisplayName() + " is graded but has no role tag (server, client)"));
        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        String output = switch (result.getStatus()) {
            case SUCCESSFUL -> null;
            case ABORTED -> "Not run (counts as not passed): "
                    + result.getThrowable().map(Throwable::getMessage).orElse("skipped");
            case FAILED -> result.getThrowable().map(Throwable::getMessage).orElse("failed");
        };
        double max = graded.extraCredit() ? 0 : graded.points();
        return new Entry(lab.tag() + " " + role + ": " + test.getDisplayName(), passed ? graded.points() : 0, max,
                passed ? "passed" : "failed", tags, output, "text", "visible", lab, graded.points(), graded.extraCredit());
    }

    static Optional<Graded> graded(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(ScoreReport::method)
                .map(method -> method.getAnnotation(Graded.class));
    }

    private static Optional<Method> method(MethodSource source) {
        try {
            return Optional.of(source.getJavaMethod());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void write(boolean finished) {
        String table = table();
        if (finished) {
            console.println();
            console.println(table);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double score = entries.stream().mapToDouble(Entry::score).sum();
        Results results = new Results(score, Math.round(seconds * 10) / 10.0, table, "visible", "hidden", List.copyOf(entries));
        Optional<Path> file = writeJson(results);
        Optional<Path> page = ReportPage.write(reportDir, record, new ReportPage.Run(target, seed, seconds, finished),
                console);
        if (finished) {
            file.ifPresent(path -> console.println("Results for Gradescope: " + path));
            page.ifPresent(path -> console.println("Report page (open it in a browser): " + path.toUri()));
        }
    }

    private Optional<Path> writeJson(Results results) {
        try {
            Files.createDirectories(reportDir);
            Path file = reportDir.resolve("results.json");
            Path temporary = reportDir.resolve("results.json.tmp");
            JSON.writeValue(temporary.toFile(), results);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(file);
        } catch (IOException e) {
            console.println("The grader could not write results.json to " + reportDir + " (" + e.getMessage()
                    + "): check that the folder is writable.");
            return Optional.empty();
        }
    }

    /** Says why nothing was graded, on the console and in results.json (replacing an old one). */
    private void writeNotRun(String why) {
        console.println();
        console.println(why);
        writeJson(new Results(0, 0, why, "visible", "hidden", List.of()));
        record.notRun(why);
        ReportPage.write(reportDir, record, new ReportPage.Run(target, seed, 0, true), console);
    }

    /** The score table: one block per lab, each test with its points, passed or not. */
    String table() {
        StringBuilder out = new StringBuilder("Score\n=====\n");
        double total = 0;
        double max = 0;
        double bonus = 0;
        for (Lab lab : Lab.values()) {
            List<Entry> ofLab = entries.stream().filter(e -> e.lab() == lab)
                    .sorted(java.util.Comparator.comparing((Entry e) -> !e.tags().contains("server"))).toList();
            if (ofLab.isEmpty()) {
                continue;
            }
            double labScore = ofLab.stream().filter(e -> !e.extraCredit()).mapToDouble(Entry::score).sum();
            double labMax = ofLab.stream().mapToDouble(Entry::maxScore).sum();
            double labBonus = ofLab.stream().filter(Entry::extraCredit).mapToDouble(Entry::score).sum();
            out.append(String.format(Locale.ROOT, "%n%s  %s: %s / %s%s%n", lab.tag(), lab.title(), number(labScore),
                    number(labMax), ofLab.stream().anyMatch(Entry::extraCredit) ? "  (extra credit: +" + number(labBonus) + ")" : ""));
            for (Entry entry : ofLab) {
                String mark = entry.passed() ? "PASS" : "FAIL";
                String points = entry.extraCredit() ? "+" + entry.points() + " bonus" : entry.points() + " pt";
                out.append(String.format(Locale.ROOT, "  %s  %-9s %s%n", mark, points, entry.name().substring(lab.tag().length() + 1)));
            }
            total += labScore;
            max += labMax;
            bonus += labBonus;
        }
        out.append(String.format(Locale.ROOT, "%nTotal: %s / %s%s", number(total), number(max),
                bonus > 0 ? " (+" + number(bonus) + " extra credit)" : ""));
        if (seed != null) {
            out.append("\nRandom payloads of this run: -Dgrader.seed=").append(seed).append(" replays them.");
        }
        return out.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
