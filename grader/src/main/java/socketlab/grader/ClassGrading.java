package socketlab.grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades a whole class: every sub-folder of a folder is one student's submission, graded for
 * the labs asked for, several at a time, in this one JVM (the grader's tests are launched on
 * the JUnit Platform once per submission with that submission's options, as {@code mvn -pl
 * grader test -Dgrader.target=...} would, without Maven's start each time). Each program
 * still runs as its own process, as the grader runs every program. It writes, in the output
 * folder: {@code grades.csv}, {@code class.html}, and per student {@code students/NAME/}
 * with {@code report.html}, {@code results.json} and {@code console.txt}. Started by
 * {@code grader/grade-class}, which builds the grader and its class path once.
 */
public final class ClassGrading {
    private final Options options;
    private final PrintStream console;

    /** What to grade and how: see {@link #USAGE}. */
    record Options(Path kit, Path submissions, Path out, List<Lab> labs, int jobs, Duration budgetPerLab, boolean force,
                   Map<String, String> graderOptions) {
        Duration budget() {
            return budgetPerLab.multipliedBy(labs.size());
        }

        /** The options that change a grade, part of each submission's fingerprint. */
        String fingerprintText() {
            return labs.stream().map(Lab::tag).collect(Collectors.joining(",")) + " " + graderOptions;
        }
    }

    static final String USAGE = """
            usage: grader/grade-class SUBMISSIONS [--labs lab01,lab03] [--out DIR] [--jobs N]
                                      [--budget SECONDS] [--force] [-Dgrader.timeoutScale=N ...]
              SUBMISSIONS  a folder with one sub-folder per student (a checkout of the kit, or just its lab folders)
              --labs       the labs to grade (default: all)
              --out        where grades.csv, class.html and each student's report go (default: SUBMISSIONS-grades)
              --jobs       submissions graded at a time (default: 2)
              --budget     seconds a submission may take per lab before its last tests are stopped (default: 150)
              --force      grade again even the submissions whose sources have not changed since the last run
              -Dgrader.*   any grader option, given to every submission (e.g. -Dgrader.timeoutScale=2)
            """;

    ClassGrading(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        ClassResult result = new ClassGrading(options, System.out).run();
        System.exit(result.grades().isEmpty() ? 1 : 0);
    }

    /** The whole class's grades, in the order of the students' names. */
    record ClassResult(List<StudentGrade> grades, Path csv, Path page) {
    }

    static Options parse(String[] args) {
        Path kit = null;
        Path submissions = null;
        Path out = null;
        List<Lab> labs = List.of(Lab.values());
        int jobs = 2;
        Duration budget = Duration.ofSeconds(150);
        boolean force = false;
        Map<String, String> graderOptions = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--kit" -> kit = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--labs" -> labs = labs(value(args, ++i, arg));
                case "--jobs" -> jobs = number(value(args, ++i, arg), arg, 1, 64);
                case "--budget" -> budget = Duration.ofSeconds(number(value(args, ++i, arg), arg, 10, 86_400));
                case "--force" -> force = true;
                default -> {
                    if (arg.startsWith("-Dgrader.") && arg.contains("=")) {
                        graderOptions.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                    } else if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("Unknown option " + arg + ".");
                    } else if (submissions == null) {
                        submissions = Path.of(arg);
                    } else {
                        throw new IllegalArgumentException("One folder of submissions, please: got " + submissions
                                + " and " + arg + ".");
                    }
                }
            }
        }
        if (submissions == null) {
            throw new IllegalArgumentException("Name the folder of submissions (one sub-folder per student).");
        }
        submissions = submissions.toAbsolutePath().normalize();
        if (!Files.isDirectory(submissions)) {
            throw new IllegalArgumentException(submissions + " is not a folder: name the folder that holds one sub-folder"
                    + " per student.");
        }
        if (kit == null) {
            kit = Path.of("").toAbsolutePath();
        }
        if (out == null) {
            out = submissions.resolveSibling(submissions.getFileName() + "-grades");
        }
        kit = kit.toAbsolutePath().normalize();
        checkGraderOptions(kit, graderOptions);
        return new Options(kit, submissions, out.toAbsolutePath().normalize(), labs, jobs, budget, force, graderOptions);
    }

    /** A typo in a -Dgrader option is said once, before any grading, not a hundred times as zeros. */
    private static void checkGraderOptions(Path kit, Map<String, String> graderOptions) {
        Map<String, String> all = new LinkedHashMap<>(graderOptions);
        all.put(GraderConfig.ROOT, kit.toString());
        try {
            GraderConfig.from(name -> Optional.ofNullable(all.get(name)), all.keySet(), 1);
        } catch (GraderSetupException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value.");
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " " + text + ": give a whole number from " + min + " to " + max + ".");
    }

    private static List<Lab> labs(String text) {
        List<Lab> labs = new ArrayList<>();
        for (String tag : text.split("[,\\s]+")) {
            if (tag.isBlank()) {
                continue;
            }
            Lab lab = Lab.byTag(tag.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
                    "--labs " + text + ": " + tag + " is not a lab; the labs are "
                            + Arrays.stream(Lab.values()).map(Lab::tag).collect(Collectors.joining(", ")) + "."));
            if (!labs.contains(lab)) {
                labs.add(lab);
            }
        }
        if (labs.isEmpty()) {
            throw new IllegalArgumentException("--labs names no lab.");
        }
        labs.sort(null);
        return List.copyOf(labs);
    }

    /** Grades every submission, writing the class's files as it goes; never throws for one bad submission. */
    ClassResult run() {
        List<Submission> submissions = Submission.findAll(options.submissions(), options.out());
        Path students = options.out().resolve("students");
        console.printf(Locale.ROOT, "Grading %d submissions in %s (%s), %d at a time; results in %s%n",
                submissions.size(), options.submissions(), options.labs().stream().map(Lab::tag)
                        .collect(Collectors.joining(", ")), options.jobs(), options.out());
        Progress progress = new Progress(submissions.size(), options.jobs(), console);
        Map<String, StudentGrade> grades = java.util.Collections.synchronizedMap(new java.util.TreeMap<>());
        List<StudentGrade> gradedNow = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Optional<TimeReport.Cpu> cpuAtStart = TimeReport.Cpu.now();
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), runnable -> {
            Thread thread = new Thread(runnable, "class-grading");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "class-grading-timer");
            thread.setDaemon(true);
            return thread;
        });
        ClassFiles files = new ClassFiles(options.out(), options.labs());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Submission submission : submissions) {
                running.add(pool.submit(() -> {
                    Path folder = students.resolve(safeName(submission.name()));
                    Outcome outcome = gradeOrReuse(submission, folder, timer);
                    grades.put(submission.name(), outcome.grade());
                    if (!outcome.reused() && !outcome.grade().tests().isEmpty()) {
                        gradedNow.add(outcome.grade());
                    }
                    progress.done(outcome.grade(), outcome.reused());
                    files.write(List.copyOf(grades.values()), console);
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    console.println("The class grading hit an error of its own: " + e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
        List<StudentGrade> all = List.copyOf(grades.values());
        ClassFiles.Written written = files.write(all, console);
        progress.finish();
        Optional<TimeReport.Cpu> cpu = cpuAtStart.flatMap(first -> TimeReport.Cpu.now().map(last -> last.since(first)));
        String timing = TimeReport.of(List.copyOf(gradedNow), (System.nanoTime() - start) / 1e9, options.jobs(), cpu);
        console.print(timing);
        try {
            Files.writeString(options.out().resolve("timing.txt"), timing, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.println("Could not write timing.txt: " + e.getMessage());
        }
        console.println("Grades for your gradebook: " + written.csv());
        console.println("Class page (open it in a browser): " + written.page().toUri());
        return new ClassResult(all, written.csv(), written.page());
    }

    private record Outcome(StudentGrade grade, boolean reused) {
    }

    private Outcome gradeOrReuse(Submission submission, Path folder, ScheduledExecutorService timer) {
        String fingerprint = submission.fingerprint(options.labs(), options.fingerprintText());
        if (!options.force()) {
            Optional<StudentGrade> earlier = StudentGrade.read(folder)
                    .filter(grade -> grade.fingerprint().equals(fingerprint));
            if (earlier.isPresent()) {
                return new Outcome(earlier.get(), true);
            }
        }
        StudentGrade grade;
        try {
            grade = submission.target().isPresent() ? grade(submission, submission.target().get(), folder, fingerprint, timer)
                    : new StudentGrade(submission.name(), fingerprint, "Not graded: " + submission.problem().orElse(""),
                    true, 0, List.of());
        } catch (RuntimeException | IOException | Error e) {
            // No fingerprint: a failure of the grader's own is never kept as this submission's grade.
            grade = new StudentGrade(submission.name(), "", "Not graded: the grader failed on this submission ("
                    + e + "); grade it alone with mvn -pl grader test -Dgrader.target=" + submission.folder(), true, 0,
                    List.of());
        }
        try {
            grade.write(folder);
        } catch (IOException e) {
            console.println("Could not keep " + submission.name() + "'s grading in " + folder + " (" + e.getMessage()
                    + "): it will be graded again next time.");
        }
        return new Outcome(grade, false);
    }

    /** Runs the grader's tests of the labs asked for on one submission, in this JVM, bounded in time. */
    private StudentGrade grade(Submission submission, Path target, Path folder, String fingerprint,
                               ScheduledExecutorService timer) throws IOException {
        Files.createDirectories(folder);
        Map<String, String> parameters = new LinkedHashMap<>(options.graderOptions());
        parameters.put(GraderConfig.ROOT, options.kit().toString());
        parameters.put(GraderConfig.TARGET, target.toString());
        parameters.put(GraderConfig.REPORT_DIR, folder.toString());
        // The same parallelism as `mvn -pl grader test` (grader/pom.xml): three test classes at a time.
        parameters.put("junit.jupiter.execution.parallel.enabled", "true");
        parameters.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
        parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "3");
        parameters.put("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "3");
        parameters.put("junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL");
        List<PackageSelector> selectors = options.labs().stream().map(lab -> selectPackage("socketlab.grader." + lab.tag()))
                .toList();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(TagFilter.includeTags(options.labs().stream().map(Lab::tag).collect(Collectors.joining(" | "))))
                .configurationParameters(parameters)
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        long start = System.nanoTime();
        double loadBefore = load();
        CancellationToken stop = CancellationToken.create();
        ScheduledFuture<?> limit = timer.schedule(stop::cancel, options.budget().toMillis(), TimeUnit.MILLISECONDS);
        ScoreReport score;
        try (OutputStream file = Files.newOutputStream(folder.resolve("console.txt"));
             PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            score = new ScoreReport(log);
            launcher.execute(LauncherExecutionRequestBuilder.request(request).listeners(score).cancellationToken(stop)
                    .build());
        } finally {
            limit.cancel(false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<RunRecord.Outcome> outcomes = score.record().outcomes();
        List<String> reasons = new ArrayList<>();
        score.record().notRunReason().ifPresent(reasons::add);
        boolean compiled = true;
        for (Lab lab : options.labs()) {
            Optional<WorkStage> setup = outcomes.stream().filter(o -> o.test().lab() == lab)
                    .flatMap(o -> o.details().stream()).map(FailureDetails::stage)
                    .filter(stage -> stage == WorkStage.DOES_NOT_COMPILE || stage == WorkStage.NO_SOURCES)
                    .findFirst();
            if (setup.isPresent()) {
                boolean doesNotCompile = setup.get() == WorkStage.DOES_NOT_COMPILE;
                compiled &= !doesNotCompile;
                reasons.add(doesNotCompile ? lab.module() + " does not compile" : "no sources of " + lab.tag());
            }
        }
        long notRun = outcomes.stream().filter(o -> o.status() == RunRecord.Status.NOT_RUN).count();
        double load = Math.max(loadBefore, load());
        int cores = Runtime.getRuntime().availableProcessors();
        boolean overloaded = load > OVERLOAD * cores
                && outcomes.stream().anyMatch(o -> o.status() == RunRecord.Status.FAILED);
        if (overloaded) {
            reasons.add(String.format(Locale.ROOT, "graded while the machine was overloaded (load %.0f on %d cores):"
                    + " a failure that says \"within N s\" may be the machine's, so the next run grades it again", load, cores));
        }
        if (stop.isCancellationRequested() && notRun > 0) {
            reasons.add(notRun + " tests not run: the submission used up its " + options.budget().toSeconds()
                    + " s (--budget " + options.budgetPerLab().toSeconds() + " per lab)");
        }
        // An overloaded grading is not kept as final: no fingerprint, so the next run grades it again.
        return StudentGrade.of(submission.name(), overloaded ? "" : fingerprint, String.join("; ", reasons), compiled,
                seconds, outcomes);
    }

    /**
     * Runnable threads per core above which a grading is not trusted as final: the grader's
     * waits are generous (a program gets 20 s to listen), but a machine this busy can exceed them.
     */
    private static final double OVERLOAD = 8;

    /** The machine's load average over the last minute, or 0 where the system does not say. */
    private static double load() {
        return Math.max(0, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** A student's folder name made safe as one path element. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_.@+-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
