package socketlab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The class grading's own files: {@code grades.csv} (one row per student, one column per
 * lab, the total, the reason for any zero, then one column per test with the points earned)
 * and {@code class.html} ({@link ClassPage}). Both are rewritten, atomically, each time a
 * submission is done, so a run cut short still leaves the grades of those done.
 */
final class ClassFiles {
    static final String CSV = "grades.csv";
    static final String PAGE = "class.html";

    private final Path out;
    private final List<Lab> labs;

    ClassFiles(Path out, List<Lab> labs) {
        this.out = out;
        this.labs = labs;
    }

    record Written(Path csv, Path page) {
    }

    /** A test as a column: the same for every student. */
    record Column(String name, Lab lab, String role, String displayName, int points, boolean extraCredit) {
    }

    synchronized Written write(List<StudentGrade> grades, PrintStream console) {
        List<StudentGrade> sorted = grades.stream().sorted(Comparator.comparing(StudentGrade::student)).toList();
        List<Column> columns = columns(sorted);
        Path csv = out.resolve(CSV);
        Path page = out.resolve(PAGE);
        try {
            Files.createDirectories(out);
            replace(csv, csv(sorted, columns));
            replace(page, ClassPage.render(out, sorted, columns, labs));
        } catch (IOException e) {
            console.println("Could not write the class's files to " + out + " (" + e.getMessage() + "): check that the"
                    + " folder is writable.");
        }
        return new Written(csv, page);
    }

    /** Every test any student was graded on, lab by lab, server before client, in handout order. */
    static List<Column> columns(List<StudentGrade> grades) {
        Map<String, Column> seen = new LinkedHashMap<>();
        for (StudentGrade grade : grades) {
            for (StudentGrade.TestGrade test : grade.tests()) {
                seen.computeIfAbsent(test.name(), name -> new Column(name, Lab.byTag(test.lab()).orElse(Lab.LAB01),
                        test.role(), test.displayName(), test.points(), test.extraCredit()));
            }
        }
        List<Column> columns = new ArrayList<>(seen.values());
        columns.sort(Comparator.comparing(Column::lab).thenComparing(c -> !c.role().equals(Role.SERVER.tag())));
        return columns;
    }

    private String csv(List<StudentGrade> grades, List<Column> columns) throws IOException {
        List<String> header = new ArrayList<>(List.of("student"));
        for (Lab lab : labs) {
            header.add(lab.tag() + " (out of " + ReportPage.number(max(columns, lab)) + ")");
        }
        header.add("total (out of " + ReportPage.number(columns.stream().filter(c -> !c.extraCredit())
                .mapToInt(Column::points).sum()) + ")");
        header.add("reason");
        columns.forEach(column -> header.add(column.name()));
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (StudentGrade grade : grades) {
                List<String> row = new ArrayList<>(List.of(grade.student()));
                for (Lab lab : labs) {
                    row.add(ReportPage.number(grade.score(lab)));
                }
                row.add(ReportPage.number(grade.score()));
                row.add(grade.reason());
                Map<String, Double> scores = new LinkedHashMap<>();
                grade.tests().forEach(test -> scores.put(test.name(), test.score()));
                columns.forEach(column -> row.add(ReportPage.number(scores.getOrDefault(column.name(), 0.0))));
                printer.printRecord(row);
            }
        }
        return text.toString();
    }

    private static double max(List<Column> columns, Lab lab) {
        return columns.stream().filter(c -> c.lab() == lab && !c.extraCredit()).mapToInt(Column::points).sum();
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write(content);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
