package socketlab.grader;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The class grading's progress line, printed each time a submission is done:
 * {@code 37/120 graded, 2 failed to compile, about 4 min left (alice: 54 / 88 in 31 s)}.
 * The time left is the mean time of the submissions graded so far (unchanged ones, reused,
 * cost nothing) times those left, shared among the submissions graded at once; it settles
 * after the first few.
 */
final class Progress {
    private final int total;
    private final int jobs;
    private double gradedSeconds;
    private final PrintStream console;
    private final long start = System.nanoTime();
    private int done;
    private int graded;
    private int reused;
    private int notCompiled;
    private int notGraded;

    Progress(int total, int jobs, PrintStream console) {
        this.total = total;
        this.jobs = jobs;
        this.console = console;
    }

    synchronized void done(StudentGrade grade, boolean wasReused) {
        done++;
        if (wasReused) {
            reused++;
        } else {
            graded++;
            gradedSeconds += grade.seconds();
        }
        if (!grade.compiled()) {
            notCompiled++;
        }
        if (grade.tests().isEmpty()) {
            notGraded++;
        }
        console.println(line() + "   (" + grade.student() + ": " + ReportPage.number(grade.score())
                + (wasReused ? ", unchanged since the last run" : String.format(Locale.ROOT, " in %.0f s", grade.seconds()))
                + ")");
    }

    synchronized String line() {
        StringBuilder out = new StringBuilder().append(done).append('/').append(total).append(" graded");
        if (reused > 0) {
            out.append(" (").append(reused).append(" unchanged)");
        }
        if (notCompiled > 0) {
            out.append(", ").append(notCompiled).append(" failed to compile");
        }
        if (notGraded > 0) {
            out.append(", ").append(notGraded).append(" not gradable");
        }
        if (done < total && graded > 0) {
            double left = gradedSeconds / graded * (total - done) / Math.max(1, Math.min(jobs, total - done));
            out.append(", about ").append(left < 90 ? Math.round(left) + " s" : Math.round(left / 60) + " min")
                    .append(" left");
        }
        return out.toString();
    }

    synchronized void finish() {
        double elapsed = (System.nanoTime() - start) / 1e9;
        console.printf(Locale.ROOT, "Done: %d submissions in %.0f s (%d graded, %d unchanged since the last run).%n",
                total, elapsed, graded, reused);
    }
}
