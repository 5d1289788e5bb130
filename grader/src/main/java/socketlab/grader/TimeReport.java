package socketlab.grader;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a class grading's time went, printed at its end and kept in {@code timing.txt}: the
 * wall time, how many submissions ran at once on average, the time of each lab's tests, and
 * the slowest tests and submissions. Only submissions graded in this run count (an unchanged
 * one, reused, took no time).
 */
final class TimeReport {
    private TimeReport() {
    }

    /**
     * CPU seconds of this JVM (the tests, the peers, the in-process compiles) and of the
     * programs it started and waited for, from /proc/self/stat (Linux; empty elsewhere).
     */
    record Cpu(double grader, double programs) {
        private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the kit runs on

        static java.util.Optional<Cpu> now() {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
                // Fields after the command name in parentheses: state is field 3; utime 14, stime 15, cutime 16, cstime 17.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double user = Long.parseLong(fields[11]);
                double system = Long.parseLong(fields[12]);
                double childUser = Long.parseLong(fields[13]);
                double childSystem = Long.parseLong(fields[14]);
                return java.util.Optional.of(new Cpu((user + system) / TICKS_PER_SECOND,
                        (childUser + childSystem) / TICKS_PER_SECOND));
            } catch (java.io.IOException | RuntimeException notLinux) {
                return java.util.Optional.empty();
            }
        }

        Cpu since(Cpu start) {
            return new Cpu(grader - start.grader, programs - start.programs);
        }
    }

    static String of(List<StudentGrade> graded, double wallSeconds, int jobs, java.util.Optional<Cpu> cpu) {
        StringBuilder out = new StringBuilder();
        double busy = graded.stream().mapToDouble(StudentGrade::seconds).sum();
        out.append(String.format(Locale.ROOT, "Where the time went: %.0f s wall for %d submissions graded (%d at a time,"
                        + " %.1f on average); %.1f s per submission, %.1f s of wall time each.%n", wallSeconds,
                graded.size(), jobs, wallSeconds == 0 ? 0 : busy / wallSeconds, graded.isEmpty() ? 0 : busy / graded.size(),
                graded.isEmpty() ? 0 : wallSeconds / graded.size()));
        cpu.ifPresent(used -> out.append(String.format(Locale.ROOT, "  CPU: %.0f s in the grading JVM, %.0f s in the"
                        + " programs it started (%.1f s per submission; on %d cores the wall time is at least %.0f s)%n",
                used.grader(), used.programs(), graded.isEmpty() ? 0 : (used.grader() + used.programs()) / graded.size(),
                Runtime.getRuntime().availableProcessors(),
                (used.grader() + used.programs()) / Runtime.getRuntime().availableProcessors())));
        List<StudentGrade.TestGrade> tests = graded.stream().flatMap(g -> g.tests().stream()).toList();
        Map<String, Double> byLab = tests.stream().collect(Collectors.groupingBy(StudentGrade.TestGrade::lab,
                java.util.TreeMap::new, Collectors.summingDouble(StudentGrade.TestGrade::seconds)));
        byLab.forEach((lab, seconds) -> out.append(String.format(Locale.ROOT, "  %s: %6.0f s of tests (%.1f s per submission)%n",
                lab, seconds, graded.isEmpty() ? 0 : seconds / graded.size())));
        Map<String, Double> byTest = tests.stream().collect(Collectors.groupingBy(StudentGrade.TestGrade::name,
                Collectors.summingDouble(StudentGrade.TestGrade::seconds)));
        out.append("  slowest tests, summed over the class:\n");
        byTest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %6.0f s  %s%n", e.getValue(), e.getKey())));
        out.append("  slowest submissions:\n");
        graded.stream().sorted(Comparator.comparingDouble(StudentGrade::seconds).reversed()).limit(5)
                .forEach(g -> out.append(String.format(Locale.ROOT, "    %6.1f s  %s (%s)%n", g.seconds(), g.student(),
                        ReportPage.number(g.score()))));
        return out.toString();
    }
}
