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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    /** The report entry through which it tells the run's sandbox (the line at the top of the run). */
    static final String SANDBOX_ENTRY = "grader.sandbox";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream console;
    private final List<Entry> entries = new ArrayList<>();
    /** Failed extra-credit tests, printed after every other failure. */
    private final List<Entry> heldBack = new ArrayList<>();
    /** The same run test by test, failures in parts, for the report page. */
    private final RunRecord record = new RunRecord();
    private final ReportPage page = new ReportPage();
    private String target;
    private Path reportDir;
    private long startNanos;
    private boolean planHasGradedTests;
    private String notRun;
    private String seed;
    private String sandbox;
    /** Where each graded test stands in the handout's order, and how to rerun it; kept beside each entry. */
    private final Map<Entry, Detail> details = new IdentityHashMap<>();
    private final Map<String, Integer> classOrder = new HashMap<>();
    private final Map<Class<?>, DeclarationOrder> declarationOrders = new HashMap<>();

    public ScoreReport() {
        this(System.out);
    }

    ScoreReport(PrintStream console) {
        this.console = console;
    }

    /** One graded test's outcome, as Gradescope reads it. */
    @JsonPropertyOrder({"name", "score", "max_score", "status", "tags", "output", "output_format", "visibility"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String name, double score, @JsonProperty("max_score") double maxScore, String status,
                        List<String> tags, String output, @JsonProperty("output_format") String outputFormat,
                        String visibility, @com.fasterxml.jackson.annotation.JsonIgnore Lab lab,
                        @com.fasterxml.jackson.annotation.JsonIgnore int points,
                        @com.fasterxml.jackson.annotation.JsonIgnore boolean extraCredit) {
        boolean passed() {
            return "passed".equals(status);
        }
    }

    /** The whole file: Gradescope sums the tests' scores when "score" is absent; we give it. */
    @JsonPropertyOrder({"score", "execution_time", "output", "visibility", "stdout_visibility", "sandbox", "tests"})
    record Results(double score, @JsonProperty("execution_time") double executionTime, String output,
                          String visibility, @JsonProperty("stdout_visibility") String stdoutVisibility,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String sandbox, List<Entry> tests) {
    }

    /**
     * What the console needs of an entry beyond Gradescope's fields: its place (test classes in
     * the order JUnit found them, methods in the order they are written) and its rerun command.
     */
    record Detail(int classIndex, int line, String rerun, String headline) {
        static final Detail UNKNOWN = new Detail(Integer.MAX_VALUE, Integer.MAX_VALUE, null, null);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        startNanos = System.nanoTime();
        reportDir = testPlan.getConfigurationParameters().get(GraderConfig.REPORT_DIR).map(Path::of)
                .orElse(Path.of("target", "grader"));
        planHasGradedTests = testPlan.countTestIdentifiers(id -> id.isTest() && graded(id).isPresent()) > 0;
        target = testPlan.getConfigurationParameters().get(GraderConfig.TARGET).orElse("this checkout");
        record.plan(testPlan);
        for (TestIdentifier root : testPlan.getRoots()) {
            numberClasses(testPlan, root);
        }
    }

    /** Numbers the test classes in the order JUnit found them. */
    private void numberClasses(TestPlan testPlan, TestIdentifier node) {
        node.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .ifPresent(source -> classOrder.putIfAbsent(source.getClassName(), classOrder.size()));
        testPlan.getChildren(node).forEach(child -> numberClasses(testPlan, child));
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, org.junit.platform.engine.reporting.ReportEntry entry) {
        entry.getKeyValuePairs().entrySet().stream().filter(pair -> pair.getKey().equals(SEED_ENTRY)).findFirst()
                .ifPresent(pair -> {
                    synchronized (entries) {
                        seed = pair.getValue();
                    }
                });
        entry.getKeyValuePairs().entrySet().stream().filter(pair -> pair.getKey().equals(SANDBOX_ENTRY)).findFirst()
                .ifPresent(pair -> {
                    synchronized (entries) {
                        if (sandbox == null) {
                            sandbox = "Sandbox: " + pair.getValue();
                            console.println(sandbox);
                        }
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
            details.put(entry, detail(test, entry));
            if (!entry.passed() && entry.extraCredit()) {
                heldBack.add(entry); // printed after every other failure: see testPlanExecutionFinished
            } else if (!entry.passed()) {
                printFailure(entry);
            }
            write(false);
        }
    }

    /**
     * Prints a failure once, as it happens: the report a student reads, then the command that
     * runs that test alone. (Surefire's own console report is switched off in the grader's pom,
     * and its list of failures at the end gets one line each: see GradedTestFailure.)
     */
    private void printFailure(Entry entry) {
        console.println();
        if (entry.extraCredit()) {
            console.println("(Extra credit, never needed for full marks: this does not change the exit status.)");
        }
        console.println(entry.output());
        String rerun = details.get(entry).rerun();
        if (rerun != null) {
            console.println();
            console.println("Run only this test again:  " + rerun);
        }
    }

    private Detail detail(TestIdentifier test, Entry entry) {
        Optional<MethodSource> source = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        if (source.isEmpty()) {
            return Detail.UNKNOWN;
        }
        Class<?> type = source.get().getJavaClass();
        Class<?> declaring = method(source.get()).<Class<?>>map(Method::getDeclaringClass).orElse(type);
        int line = declarationOrders.computeIfAbsent(declaring, DeclarationOrder::of).lineOf(source.get().getMethodName());
        return new Detail(classOrder.getOrDefault(type.getName(), Integer.MAX_VALUE), line,
                RerunCommand.forTest(type, source.get().getMethodName(), System.getProperties()), headline(entry.output()));
    }

    /** The first line of a failure that says what went wrong (after its "FAILED: test name" title). */
    static String headline(String output) {
        if (output == null) {
            return null;
        }
        return output.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("FAILED: "))
                .findFirst().orElse(output.strip());
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
            // Extra credit fails also for a correct plain design, and test classes run side by side:
            // its failures wait until now, so that the first failure a student reads is never one.
            heldBack.forEach(this::printFailure);
            heldBack.clear();
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
        Optional<Throwable> thrown = result.getThrowable();
        String output = switch (result.getStatus()) {
            case SUCCESSFUL -> null;
            case ABORTED -> thrown.filter(ExtraCreditNotEarned.class::isInstance).map(ExtraCreditNotEarned.class::cast)
                    .map(ExtraCreditNotEarned::report)
                    .orElseGet(() -> "Not run (counts as not passed): " + thrown.map(Throwable::getMessage).orElse("skipped"));
            case FAILED -> thrown.map(GradedTestFailure::reportOf).orElse("failed");
        };
        double max = graded.extraCredit() ? 0 : graded.points();
        return new Entry(entryName(tags, test.getDisplayName()), passed ? graded.points() : 0, max,
                passed ? "passed" : "failed", tags, output, "text", "visible", lab, graded.points(), graded.extraCredit());
    }

    /** A graded test's name in results.json, e.g. {@code lab01 server: an empty line is echoed ...}. */
    static String entryName(List<String> tags, String displayName) {
        String lab = Lab.fromTags(tags).map(Lab::tag).orElse("?");
        String role = Role.fromTags(tags).map(Role::tag).orElse("?");
        return lab + " " + role + ": " + displayName;
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
        String output = finished ? table + "\n\n" + verdict() : table;
        Results results = new Results(score, Math.round(seconds * 10) / 10.0, output, "visible", "hidden", sandbox,
                List.copyOf(entries));
        Optional<Path> file = writeJson(results);
        page.write(reportDir, record, new ReportPage.Run(target, seed, seconds, finished), console);
        if (finished) {
            printFailedHeadlines();
            reportPage().ifPresent(html -> console.println("Report page: " + html));
            file.ifPresent(path -> console.println("Results for Gradescope: " + path));
            console.println();
            console.println(verdict());
        }
    }

    /** Under the table: each failed test's headline and its rerun command, in the table's order. */
    private void printFailedHeadlines() {
        List<Entry> failed = entries.stream().filter(entry -> !entry.passed()).sorted(handoutOrder()).toList();
        if (failed.isEmpty()) {
            return;
        }
        console.println();
        console.println("Not passed (each failure is shown in full above):");
        for (Entry entry : failed) {
            Detail detail = details.getOrDefault(entry, Detail.UNKNOWN);
            console.println("  " + entry.name() + (entry.extraCredit() ? "  (extra credit)" : ""));
            if (detail.headline() != null) {
                console.println("      " + detail.headline());
            }
            if (detail.rerun() != null) {
                console.println("      " + detail.rerun());
            }
        }
        console.println("Only the tests that did not pass, again:  " + RerunCommand.forFailed(System.getProperties()));
    }

    /** The report page another part of the grader may write beside results.json. */
    private Optional<Path> reportPage() {
        Path page = reportDir.resolve("report.html");
        return Files.isRegularFile(page) ? Optional.of(page) : Optional.empty();
    }

    /**
     * The last line of a run: what its exit status means. Only required tests decide it (SPEC
     * §6); a failed extra-credit test is reported to JUnit as aborted, so it never fails the build.
     */
    String verdict() {
        List<Entry> requiredNotPassed = entries.stream().filter(e -> !e.extraCredit() && !e.passed()).toList();
        if (!requiredNotPassed.isEmpty()) {
            return "Not full marks: " + requiredNotPassed.size() + (requiredNotPassed.size() == 1 ? " required test" : " required tests")
                    + " did not pass, so this run ends in a build failure (exit status 1).";
        }
        List<String> bonusMissed = entries.stream().filter(e -> e.extraCredit() && !e.passed()).sorted(handoutOrder())
                .map(Entry::name).toList();
        String labs = entries.stream().map(Entry::lab).distinct().sorted().map(Lab::tag)
                .collect(java.util.stream.Collectors.joining(", "));
        return "Full marks (" + labs + "): every required test passed (exit status 0)."
                + (bonusMissed.isEmpty() ? "" : " Extra credit not earned: " + String.join("; ", bonusMissed) + ".");
    }

    /** Lab by lab, servers before clients, then test classes as found and methods as written. */
    private java.util.Comparator<Entry> handoutOrder() {
        return java.util.Comparator.comparing(Entry::lab)
                .thenComparing((Entry e) -> !e.tags().contains("server"))
                .thenComparingInt((Entry e) -> details.getOrDefault(e, Detail.UNKNOWN).classIndex())
                .thenComparingInt((Entry e) -> details.getOrDefault(e, Detail.UNKNOWN).line());
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
        writeJson(new Results(0, 0, why, "visible", "hidden", sandbox, List.of()));
        record.notRun(why);
        page.write(reportDir, record, new ReportPage.Run(target, seed, 0, true), console);
    }

    /** The score table: one block per lab, each test with its points, passed or not. */
    String table() {
        StringBuilder out = new StringBuilder("Score\n=====\n");
        double total = 0;
        double max = 0;
        double bonus = 0;
        for (Lab lab : Lab.values()) {
            List<Entry> ofLab = entries.stream().filter(e -> e.lab() == lab).sorted(handoutOrder()).toList();
            if (ofLab.isEmpty()) {
                continue;
            }
            double labScore = ofLab.stream().filter(e -> !e.extraCredit()).mapToDouble(Entry::score).sum();
            double labMax = ofLab.stream().mapToDouble(Entry::maxScore).sum();
            double labBonus = ofLab.stream().filter(Entry::extraCredit).mapToDouble(Entry::score).sum();
            out.append(String.format(Locale.ROOT, "%n%s  %s: %s / %s%s%n", lab.tag(), lab.title(), number(labScore),
                    number(labMax), ofLab.stream().anyMatch(Entry::extraCredit) ? "  (extra credit: +" + number(labBonus) + ")" : ""));
            String role = null;
            for (Entry entry : ofLab) {
                String roleOfEntry = entry.name().substring(lab.tag().length() + 1, entry.name().indexOf(':'));
                if (!roleOfEntry.equals(role)) {
                    role = roleOfEntry;
                    out.append("  ").append(role).append(Role.byTag(role).filter(lab.roles()::contains)
                            .map(r -> "  (" + lab.sourceFile(r) + ")").orElse("")).append('\n');
                }
                String mark = entry.passed() ? "PASS" : "FAIL";
                String points = entry.extraCredit() ? "+" + entry.points() + " bonus" : entry.points() + " pt";
                out.append(String.format(Locale.ROOT, "    %s  %-9s %s%n", mark, points,
                        entry.name().substring(entry.name().indexOf(':') + 2)));
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
