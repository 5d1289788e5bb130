package socketlab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code class.html}: what an instructor reads after grading a class. A heat map of
 * students by tests (green passed, red failed, grey not run), each cell naming what went
 * wrong when hovered, each student linking to their own report page; and the tests the
 * class fails most, each with its most common failure and hint, so the instructor sees
 * at a glance what to teach again. Self-contained, like the report page.
 */
final class ClassPage {
    private static final int MOST_FAILED = 10;

    private ClassPage() {
    }

    static String render(Path out, List<StudentGrade> grades, List<ClassFiles.Column> columns, List<Lab> labs) {
        StringBuilder html = new StringBuilder(Html.head("Class grades — " + out.getFileName(), false));
        List<StudentGrade> graded = grades.stream().filter(g -> !g.tests().isEmpty()).toList();
        int required = columns.stream().filter(c -> !c.extraCredit()).mapToInt(ClassFiles.Column::points).sum();
        html.append("<h1>Class grades</h1>\n<p class=\"meta\">").append(Html.escape(out.toString())).append(" · ")
                .append(labs.stream().map(Lab::tag).collect(Collectors.joining(", "))).append(" · ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append(" · <a href=\"").append(ClassFiles.CSV).append("\">").append(ClassFiles.CSV).append("</a></p>\n");
        cards(html, grades, graded, required);
        heatMap(html, out, grades, columns, labs, required);
        mostFailed(html, graded, columns);
        notGraded(html, grades);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void cards(StringBuilder html, List<StudentGrade> all, List<StudentGrade> graded, int required) {
        double mean = graded.stream().mapToDouble(StudentGrade::score).average().orElse(0);
        long full = graded.stream().filter(g -> g.tests().stream().filter(t -> !t.extraCredit()).allMatch(StudentGrade.TestGrade::passed))
                .count();
        long notCompiled = all.stream().filter(g -> !g.compiled()).count();
        html.append("<div class=\"cards\">\n");
        card(html, "Submissions", all.size() + "", graded.size() + " graded");
        card(html, "Mean score", ReportPage.number(Math.round(mean * 10) / 10.0) + " / " + required,
                required == 0 ? "" : ClassFiles.percent(mean / required) + " of the points");
        card(html, "Full marks", full + "", "students who passed every required test");
        card(html, "Not gradable", (all.size() - graded.size()) + "", "folders in the wrong shape; and " + notCompiled
                + " with a lab that does not compile");
        html.append("</div>\n");
    }

    private static void card(StringBuilder html, String title, String big, String small) {
        html.append("<div class=\"card\"><div>").append(Html.escape(title)).append("</div><div class=\"big\">")
                .append(Html.escape(big)).append("</div><div class=\"why\">").append(Html.escape(small)).append("</div></div>\n");
    }

    /** The required tests most students failed, each with what they saw most often and its hint. */
    private static void mostFailed(StringBuilder html, List<StudentGrade> graded, List<ClassFiles.Column> columns) {
        record Failing(ClassFiles.Column column, List<StudentGrade.TestGrade> failures, int ran) {
        }
        List<Failing> failing = new ArrayList<>();
        for (ClassFiles.Column column : columns) {
            if (column.extraCredit()) {
                continue;
            }
            List<StudentGrade.TestGrade> ran = graded.stream().flatMap(g -> g.tests().stream())
                    .filter(t -> t.name().equals(column.name()) && !t.status().equals(RunRecord.Status.NOT_RUN.name()))
                    .toList();
            List<StudentGrade.TestGrade> failures = ran.stream().filter(t -> !t.passed()).toList();
            if (!failures.isEmpty()) {
                failing.add(new Failing(column, failures, ran.size()));
            }
        }
        failing.sort(Comparator.comparingDouble((Failing f) -> -(double) f.failures().size() / Math.max(1, f.ran()))
                .thenComparing(f -> -f.column().points()));
        html.append("<h2>What the class fails most</h2>\n");
        if (failing.isEmpty()) {
            html.append("<p>No required test failed.</p>\n");
            return;
        }
        html.append("<p class=\"meta\">Required tests, by the share of students who failed them, with what those"
                + " students saw most often and the hint the grader gave them: what to teach again. Untouched starters"
                + " and labs that do not compile fail too; how many of those there were is said apart.</p>\n"
                + "<table class=\"tests most\">\n<tr><th>failed by</th><th>test</th><th>hint</th></tr>\n");
        for (Failing f : failing.subList(0, Math.min(MOST_FAILED, failing.size()))) {
            double share = (double) f.failures().size() / Math.max(1, f.ran());
            List<StudentGrade.TestGrade> unstarted = f.failures().stream().filter(StudentGrade.TestGrade::unstarted).toList();
            List<StudentGrade.TestGrade> real = f.failures().stream().filter(t -> !t.unstarted()).toList();
            List<StudentGrade.TestGrade> explained = real.isEmpty() ? f.failures() : real;
            html.append(String.format(Locale.ROOT, "<tr><td style=\"white-space:nowrap\"><span class=\"failrate\"><span"
                    + " style=\"width:%.0f%%\"></span></span><b>%d of %d</b>", share * 100, f.failures().size(), f.ran()));
            if (!unstarted.isEmpty()) {
                html.append("<div class=\"why\">").append(unstarted.size()).append(" not started or not compiling</div>");
            }
            html.append("</td><td><span class=\"badge\">").append(f.column().lab().tag()).append(' ')
                    .append(f.column().role()).append("</span>").append(Html.escape(f.column().displayName()))
                    .append(" <span class=\"pts\">(").append(f.column().points()).append(" pt)</span>");
            mostCommon(explained, t -> t.headline()).ifPresent(common -> html.append("<div class=\"why\">Most often: ")
                    .append(Html.escape(common.getKey())).append(common.getValue() > 1 ? " (" + common.getValue()
                            + " students)" : "").append("</div>"));
            html.append("</td><td class=\"why\" style=\"min-width:38%\">");
            mostCommon(explained, t -> t.hint()).ifPresent(common -> html.append(Html.escape(common.getKey())));
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static Optional<Map.Entry<String, Long>> mostCommon(List<StudentGrade.TestGrade> tests,
                                                                Function<StudentGrade.TestGrade, String> part) {
        // Failures differ in their random payloads ("hello 4521"): count them by shape, show the first of the largest.
        Map<String, List<String>> byShape = tests.stream().map(part).filter(text -> text != null && !text.isBlank())
                .collect(Collectors.groupingBy(ClassPage::shape, LinkedHashMap::new, Collectors.toList()));
        return byShape.values().stream().max(Comparator.comparingInt(List::size))
                .map(texts -> Map.entry(texts.get(0), (long) texts.size()));
    }

    private static void heatMap(StringBuilder html, Path out, List<StudentGrade> grades, List<ClassFiles.Column> columns,
                                List<Lab> labs, int required) {
        html.append("<h2>Every student, every test</h2>\n<p class=\"legend why\">Hover a cell for the test and what went"
                + " wrong; a student's name opens their report.<span class=\"c-pass\"></span>passed<span class=\"c-fail\">"
                + "</span>failed<span class=\"c-bonus-fail\"></span>extra credit not earned<span class=\"c-none\"></span>"
                + "not run</p>\n<div style=\"overflow-x:auto\"><table class=\"heat" + (columns.size() > 60 ? " narrow" : "")
                + "\">\n<tr><th></th><th></th>");
        for (Lab lab : labs) {
            for (Role role : Role.values()) {
                long count = columns.stream().filter(c -> c.lab() == lab && c.role().equals(role.tag())).count();
                if (count > 0) {
                    html.append("<th class=\"lab\" colspan=\"").append(count).append("\" title=\"")
                            .append(Html.escape(lab.title())).append("\">").append(lab.tag()).append(' ')
                            .append(role.tag()).append("</th>");
                }
            }
        }
        html.append("</tr>\n<tr><th></th><th class=\"why\" style=\"vertical-align:bottom\">score</th>");
        for (ClassFiles.Column column : columns) {
            html.append("<th class=\"test\" title=\"").append(Html.escape(column.name())).append(" (")
                    .append(column.extraCredit() ? "+" + column.points() + " extra credit" : column.points() + " pt")
                    .append(")\">").append(Html.escape(shorten(column.displayName(), 40)))
                    .append("</th>");
        }
        html.append("</tr>\n");
        for (StudentGrade grade : grades) {
            Map<String, StudentGrade.TestGrade> byName = new LinkedHashMap<>();
            grade.tests().forEach(test -> byName.put(test.name(), test));
            Path report = out.resolve("students").resolve(ClassGrading.safeName(grade.student())).resolve(ReportPage.FILE);
            html.append("<tr><td class=\"student\">");
            if (!grade.tests().isEmpty() && Files.exists(report)) {
                html.append("<a href=\"").append(Html.escape(out.relativize(report).toString().replace('\\', '/')))
                        .append("\">").append(Html.escape(grade.student())).append("</a>");
            } else {
                html.append("<span title=\"").append(Html.escape(grade.reason())).append("\">")
                        .append(Html.escape(grade.student())).append(" ⚠</span>");
            }
            html.append("</td><td class=\"sum\">").append(ReportPage.number(grade.score())).append(" / ").append(required)
                    .append("</td>");
            for (ClassFiles.Column column : columns) {
                StudentGrade.TestGrade test = byName.get(column.name());
                String css;
                String title;
                if (test == null || test.status().equals(RunRecord.Status.NOT_RUN.name())) {
                    css = "c-none";
                    title = grade.student() + " · " + column.name() + ": not run" + (grade.reason().isBlank() ? ""
                            : " (" + grade.reason() + ")");
                } else if (test.passed()) {
                    css = "c-pass";
                    title = grade.student() + " · " + column.name() + ": passed";
                } else {
                    css = column.extraCredit() ? "c-bonus-fail" : "c-fail";
                    title = grade.student() + " · " + column.name() + ": " + test.headline();
                }
                html.append("<td class=\"cell ").append(css).append("\" title=\"").append(Html.escape(title)).append("\"></td>");
            }
            html.append("</tr>\n");
        }
        classRow(html, grades, columns);
        html.append("</table></div>\n");
    }

    /** The last row: each test shaded by the share of the graded students who failed it. */
    private static void classRow(StringBuilder html, List<StudentGrade> grades, List<ClassFiles.Column> columns) {
        html.append("<tr><td class=\"student\"><b>failed by</b></td><td class=\"sum\"></td>");
        for (ClassFiles.Column column : columns) {
            long ran = 0;
            long failed = 0;
            for (StudentGrade grade : grades) {
                for (StudentGrade.TestGrade test : grade.tests()) {
                    if (test.name().equals(column.name()) && !test.status().equals(RunRecord.Status.NOT_RUN.name())) {
                        ran++;
                        failed += test.passed() ? 0 : 1;
                    }
                }
            }
            double share = ran == 0 ? 0 : (double) failed / ran;
            html.append(String.format(Locale.ROOT, "<td class=\"cell\" style=\"background:rgba(207,34,46,%.2f);"
                    + "border-top:2px solid #d0d7de\" title=\"%s: failed by %d of %d (%s)\"></td>", share,
                    Html.escape(column.name()), failed, ran, ClassFiles.percent(share)));
        }
        html.append("</tr>\n");
    }

    private static void notGraded(StringBuilder html, List<StudentGrade> grades) {
        List<StudentGrade> withReason = grades.stream().filter(g -> !g.reason().isBlank()).toList();
        if (withReason.isEmpty()) {
            return;
        }
        html.append("<h2>Submissions graded in part or not at all, and why</h2>\n<table class=\"tests\">\n");
        for (StudentGrade grade : withReason) {
            html.append("<tr><td class=\"mark\">").append(Html.escape(grade.student())).append("</td><td>")
                    .append(Html.escape(grade.reason())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String shape(String text) {
        return text.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"…\"").replaceAll("\\d+", "#");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
