package socketlab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The report page of a grading run, {@code report.html} beside {@code results.json}: the
 * score per lab and per test in handout order, and for each failed test its headline, what
 * was expected and what came, the hint, how to replay it by hand, the exchange drawn as a
 * sequence diagram and the tail of the program's output. One self-contained file (inline
 * style and SVG, no script, no network), rewritten atomically after every test, like
 * results.json; while the run goes on it reloads itself every few seconds. Each failed test's
 * section (its diagram above all) is drawn once and kept, not again at every rewrite.
 */
final class ReportPage {
    static final String FILE = "report.html";

    /** What the page says about the run itself. */
    record Run(String target, String seed, double seconds, boolean finished) {
    }

    /** Each failed test's section as drawn, by outcome (the same object until the run plans again). */
    private final Map<RunRecord.Outcome, String> drawn = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Writes the page into {@code dir}; a failure to write is said on the console, never thrown. */
    Optional<Path> write(Path dir, RunRecord record, Run run, PrintStream console) {
        if (dir == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            Path temporary = dir.resolve(FILE + ".tmp");
            Files.writeString(temporary, render(record, run), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            console.println("The grader could not write " + FILE + " to " + dir + " (" + e + "): check that the folder"
                    + " is writable.");
            return Optional.empty();
        }
    }

    String render(RunRecord record, Run run) {
        List<RunRecord.Outcome> outcomes = record.outcomes();
        StringBuilder html = new StringBuilder(Html.head("Grading report — " + run.target(), !run.finished()));
        html.append("<h1>Grading report</h1>\n<p class=\"meta\">").append(Html.escape(run.target()))
                .append(" · ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append(String.format(Locale.ROOT, " · %.1f s", run.seconds()))
                .append(run.seed() == null ? "" : " · random payloads: <code>-Dgrader.seed=" + Html.escape(run.seed()) + "</code>")
                .append("</p>\n");
        Optional<String> notRun = record.notRunReason();
        if (notRun.isPresent()) {
            html.append("<div class=\"banner bad\">").append(Html.escape(notRun.get())).append("</div>\n</body></html>\n");
            return html.toString();
        }
        long done = outcomes.stream().filter(o -> o.status() != RunRecord.Status.NOT_RUN || !o.message().isEmpty()).count();
        if (!run.finished()) {
            html.append("<div class=\"banner\">Grading in progress: ").append(done).append(" of ").append(outcomes.size())
                    .append(" tests done. This page reloads itself.</div>\n");
        }
        cards(html, outcomes);
        for (Lab lab : Lab.values()) {
            List<RunRecord.Outcome> ofLab = outcomes.stream().filter(o -> o.test().lab() == lab).toList();
            if (!ofLab.isEmpty()) {
                labTable(html, lab, ofLab, outcomes);
            }
        }
        List<RunRecord.Outcome> failed = outcomes.stream().filter(o -> o.status() == RunRecord.Status.FAILED).toList();
        if (!failed.isEmpty()) {
            html.append("<h2>What went wrong</h2>\n<p class=\"meta\">Each failed test, in the order of the handouts:"
                    + " what it saw, a hint, how to try it by hand, and the exchange as a diagram (blue: what your"
                    + " program sent; grey: what the grader sent; red: resets, crashes, exits; hover an arrow for"
                    + " its full text).</p>\n");
            for (RunRecord.Outcome outcome : failed) {
                html.append(drawn.computeIfAbsent(outcome, o -> {
                    StringBuilder article = new StringBuilder();
                    failure(article, o, outcomes.indexOf(o));
                    return article.toString();
                }));
            }
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void cards(StringBuilder html, List<RunRecord.Outcome> outcomes) {
        html.append("<div class=\"cards\">\n");
        Score total = Score.of(outcomes);
        html.append("<div class=\"card\"><div>Total</div><div class=\"big\">").append(total.text()).append("</div>")
                .append(total.bar()).append("</div>\n");
        for (Lab lab : Lab.values()) {
            List<RunRecord.Outcome> ofLab = outcomes.stream().filter(o -> o.test().lab() == lab).toList();
            if (ofLab.isEmpty()) {
                continue;
            }
            Score score = Score.of(ofLab);
            html.append("<div class=\"card\"><div><a href=\"#").append(lab.tag()).append("\">").append(lab.tag())
                    .append(" · ").append(Html.escape(lab.title())).append("</a></div><div class=\"big\">")
                    .append(score.text()).append("</div>").append(score.bar()).append("</div>\n");
        }
        html.append("</div>\n");
    }

    /** Points earned out of the points required, and bonus earned. */
    record Score(double earned, double max, double bonus, boolean hasBonus) {
        static Score of(List<RunRecord.Outcome> outcomes) {
            double earned = 0;
            double max = 0;
            double bonus = 0;
            boolean hasBonus = false;
            for (RunRecord.Outcome o : outcomes) {
                if (o.test().extraCredit()) {
                    bonus += o.score();
                    hasBonus = true;
                } else {
                    earned += o.score();
                    max += o.test().points();
                }
            }
            return new Score(earned, max, bonus, hasBonus);
        }

        String text() {
            return number(earned) + " / " + number(max) + (bonus > 0 ? " <small>(+" + number(bonus) + ")</small>" : "");
        }

        String bar() {
            double share = max == 0 ? 0 : Math.min(1, earned / max);
            return String.format(Locale.ROOT, "<div class=\"bar\"><span style=\"width:%.1f%%\"></span></div>", share * 100);
        }
    }

    private static void labTable(StringBuilder html, Lab lab, List<RunRecord.Outcome> ofLab, List<RunRecord.Outcome> all) {
        Score score = Score.of(ofLab);
        html.append("<h2 id=\"").append(lab.tag()).append("\">").append(lab.tag()).append(" · ").append(Html.escape(lab.title()))
                .append(" — ").append(score.text()).append("</h2>\n<table class=\"tests\">\n")
                .append("<tr><th></th><th>points</th><th>role</th><th>the test checks that</th></tr>\n");
        for (RunRecord.Outcome o : ofLab) {
            String mark = switch (o.status()) {
                case PASSED -> "✔ pass";
                case FAILED -> "✘ fail";
                case NOT_RUN -> "– not run";
            };
            String points = o.test().extraCredit() ? (o.status() == RunRecord.Status.PASSED ? "+" : "0 / +")
                    + o.test().points() + " bonus" : number(o.score()) + " / " + o.test().points();
            html.append("<tr class=\"").append(o.status()).append("\"><td class=\"mark\">").append(mark)
                    .append("</td><td class=\"pts\">").append(points).append("</td><td class=\"role\">")
                    .append(o.test().role().tag()).append("</td><td>");
            if (o.status() == RunRecord.Status.FAILED) {
                html.append("<a href=\"#t").append(all.indexOf(o)).append("\">").append(Html.escape(o.test().displayName()))
                        .append("</a><div class=\"why\">").append(Html.escape(headline(o))).append("</div>");
            } else {
                html.append(Html.escape(o.test().displayName()));
                if (!o.message().isEmpty()) {
                    html.append("<div class=\"why\">").append(Html.escape(o.message())).append("</div>");
                }
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The failure's first line a student reads, with the display name the console puts first left out. */
    static String headline(RunRecord.Outcome outcome) {
        return outcome.details().map(FailureDetails::headline).filter(h -> !h.isBlank())
                .orElseGet(() -> firstLine(outcome.message().replaceFirst("^FAILED: [^\n]*\n+", "")));
    }

    static String hint(RunRecord.Outcome outcome) {
        return outcome.details().map(FailureDetails::hint).orElse("");
    }

    private static void failure(StringBuilder html, RunRecord.Outcome o, int index) {
        html.append("<article class=\"failure\" id=\"t").append(index).append("\">\n<h3><span class=\"badge\">")
                .append(o.test().lab().tag()).append(' ').append(o.test().role().tag()).append("</span>")
                .append(Html.escape(o.test().displayName())).append(" <span class=\"pts\">(")
                .append(o.test().extraCredit() ? "+" + o.test().points() + " bonus" : o.test().points() + " pt")
                .append(")</span></h3>\n<p class=\"headline\">").append(Html.escape(headline(o))).append("</p>\n");
        Optional<FailureDetails> details = o.details();
        if (details.isEmpty()) {
            html.append("<pre>").append(Html.escape(o.message())).append("</pre>\n</article>\n");
            return;
        }
        FailureDetails d = details.get();
        if (!d.summary().isBlank()) {
            html.append("<pre>").append(Html.escape(d.summary())).append("</pre>\n");
        }
        if (!d.hint().isBlank()) {
            html.append("<div class=\"hint\"><b>Hint</b>").append(Html.escape(d.hint())).append("</div>\n");
        }
        if (!d.replay().isBlank()) {
            html.append("<h4>Try it by hand</h4>\n<pre>").append(Html.escape(d.replay())).append("</pre>\n");
        }
        if (!d.transcript().isEmpty()) {
            html.append("<h4>The exchange (milliseconds since the test began)</h4>\n<div class=\"diagram\">")
                    .append(SequenceDiagram.svg(d.transcript())).append("</div>\n");
        }
        for (String output : d.outputs()) {
            int newline = output.indexOf('\n');
            html.append("<h4>").append(Html.escape(newline < 0 ? output : output.substring(0, newline)))
                    .append("</h4>\n<pre>").append(Html.escape(newline < 0 ? "" : output.substring(newline + 1)))
                    .append("</pre>\n");
        }
        html.append("<details><summary>The whole message, as the console shows it</summary><pre>")
                .append(Html.escape(o.message())).append("</pre></details>\n</article>\n");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
