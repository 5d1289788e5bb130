package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * The first message a student reads, for every buggy program of the suite: each one's whole
 * role is graded, as a student would run it, and the first failure is written to
 * {@code selftest/target/first-messages.md} beside whether it says the words that name the bug
 * (the first in the order the console prints them: extra credit after every other failure)
 * (the ones its dedicated test must say). Slow (a whole role per program), so it runs only on
 * demand: {@code -Dtest=FirstMessageReview -Dkit.review=true} (add {@code -Dkit.review.only=REGEX} for some
 * programs only).
 */
@EnabledIfSystemProperty(named = "kit.review", matches = "true")
@ExtendWith(NoLeftoversExtension.class)
class FirstMessageReview {
    private record Row(Lab lab, String name, Role role, String command, String caughtBy, List<String> mentions) {
    }

    @Test
    void writeTheFirstMessageOfEveryBuggyProgram() throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.addAll(rows(Lab.LAB01, Lab01VerdictsTest.buggyPrograms()));
        Lab02VerdictsTest.buggyPrograms().map(Arguments::get).forEach(a -> rows.add(new Row(Lab.LAB02,
                ((Class<?>) a[0]).getSimpleName(), Role.SERVER, Programs.server((Class<?>) a[0]), (String) a[1],
                Arrays.asList((String[]) a[2]))));
        rows.addAll(rows(Lab.LAB03, Lab03VerdictsTest.buggyPrograms()));
        rows.addAll(rows(Lab.LAB04, Lab04VerdictsTest.buggyPrograms()));
        // -Dkit.review.only=REGEX reviews only the programs whose names match, e.g. after a fix.
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty("kit.review.only", ".*"));
        rows.removeIf(row -> !only.matcher(row.name()).matches());
        StringBuilder out = new StringBuilder("| lab | program | meant to be caught by | first failure | names the bug |"
                + " first lines of its message |\n|---|---|---|---|---|---|\n");
        // Each row is a whole role graded on its own, mostly waiting on sockets: three at a time.
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("kit.review.jobs", 3));
        List<Future<GradingRun.Verdict>> firsts = new ArrayList<>();
        for (Row row : rows) {
            firsts.add(pool.submit(() -> GradingRun.of(row.lab(), row.role()).command(row.command()).run()
                    .failed().stream().min(java.util.Comparator.comparing(GradingRun.Verdict::extraCredit))
                    .orElse(null)));
        }
        pool.shutdown();
        int named = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            GradingRun.Verdict first = firsts.get(i).get();
            boolean names = first != null && row.mentions().stream().allMatch(first.message()::contains);
            named += names ? 1 : 0;
            out.append("| ").append(row.lab().tag()).append(' ').append(row.role().tag()).append(" | ")
                    .append(row.name()).append(" | ").append(row.caughtBy()).append(" | ")
                    .append(first == null ? "(none failed)" : first.method()).append(" | ").append(names ? "yes" : "NO")
                    .append(" | ").append(first == null ? "" : summary(first.message())).append(" |\n");
        }
        out.append("\n").append(named).append(" of ").append(rows.size())
                .append(" first messages say the words that name the bug.\n");
        Path file = GradingRun.ROOT.resolve("selftest/target/first-messages.md");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.println("FirstMessageReview: " + named + " of " + rows.size() + " first messages name the bug; see "
                + file);
        assertThat(rows).isNotEmpty();
    }

    private static List<Row> rows(Lab lab, Stream<Arguments> table) {
        return table.map(Arguments::get).map(a -> new Row(lab, (String) a[0], (Role) a[1], (String) a[2], (String) a[3],
                Arrays.asList((String[]) a[4]))).toList();
    }

    /** The headline and the hint, on one line, for the table. */
    private static String summary(String message) {
        List<String> lines = message.lines().filter(line -> !line.isBlank()).toList();
        String headline = lines.size() > 1 ? lines.get(1) : "";
        String hint = lines.stream().filter(line -> line.startsWith("Hint:")).findFirst().orElse("");
        return (headline + " " + hint).replace("|", "\\|").strip();
    }
}
