package socketlab.grader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws a test's transcript as a sequence diagram, in SVG: one lifeline per peer (the
 * program under test, each grader connection C1, C2 ..., the grader's own server, the
 * program's stdin and stdout), one arrow per line or chunk sent with its exact bytes made
 * visible ({@code \r} and bytes that are not UTF-8 stand out in red), the millisecond
 * offset of each row, and events (connects, closes, resets, exits) where they happened.
 * Runs of rows alike but for their numbers (100 clients connecting) are folded, and the
 * middle of a very long exchange is left out, as in the console's transcript.
 */
final class SequenceDiagram {
    private static final int ROW = 26;
    private static final int LEFT = 78;
    private static final int TOP = 14;
    private static final int HEADER = 30;
    private static final double CHAR = 7.25;
    private static final int MAX_WIDTH = 1340;
    private static final int MAX_LIFELINES = 10;
    private static final int HEAD = 50;
    private static final int TAIL = 25;
    private static final String OTHERS = "others";

    private enum Style { PROGRAM, GRADER, CONTROL, TROUBLE }

    /** A quoted rendering (Visible's), and a run of digits: what differs between rows of one shape. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");
    /** An event's words in the console's parentheses. */
    private static final java.util.regex.Pattern PARENTHESISED = java.util.regex.Pattern.compile("^\\((.*)\\)$");

    /** One drawn row: an arrow (to is set), a mark on a lifeline, or a note across the diagram. */
    private record Row(long millis, String from, String to, String label, String tooltip, Style style, boolean dashed,
                       int folded) {
        String shape() {
            return (to == null ? "mark" : "arrow") + "|" + generic(from) + "|" + generic(to) + "|" + style
                    + "|" + generic(QUOTED.matcher(label).replaceAll("\"…\""));
        }

        private static String generic(String text) {
            return text == null ? "" : DIGITS.matcher(text).replaceAll("#");
        }
    }

    private SequenceDiagram() {
    }

    /**
     * One row to draw, before it is drawn: an entry of the transcript (by index), or a marker
     * that stands for rows folded or left out. Folding and shortening work on these, so that
     * only the rows kept (about a hundred) have their bytes escaped, not a flood's thousands.
     */
    private record Slot(int entry, long millis, Row marker) {
        static Slot of(List<Transcript.Entry> entries, int entry) {
            return new Slot(entry, entries.get(entry).millis(), null);
        }

        static Slot marker(long millis, String label, int folded) {
            return new Slot(-1, millis, new Row(millis, null, null, label, "", Style.CONTROL, false, folded));
        }
    }

    /** The SVG of a transcript, or a short note when nothing was sent or received. */
    static String svg(List<Transcript.Entry> entries) {
        if (entries.isEmpty()) {
            return "<p class=\"why\">(nothing was sent or received)</p>";
        }
        Set<String> actors = new LinkedHashSet<>();
        entries.forEach(entry -> actors.addAll(actors(entry)));
        String program = actors.stream().filter(name -> name.startsWith("your ")).findFirst().orElse(null);
        List<Row> rows = shorten(fold(entries, program, actors)).stream()
                .map(slot -> slot.marker() != null ? slot.marker() : row(entries.get(slot.entry()), program, actors))
                .toList();
        List<String> lifelines = lifelines(rows, program);
        return draw(rows, lifelines);
    }

    private static List<String> actors(Transcript.Entry entry) {
        if (entry instanceof Transcript.Data data) {
            return List.of(data.from(), data.to());
        }
        Transcript.Event event = (Transcript.Event) entry;
        return event.actor().isEmpty() ? List.of() : List.of(event.actor());
    }

    private static Style style(Transcript.Data data, String program) {
        return data.from().equals(program) ? Style.PROGRAM : Style.GRADER;
    }

    private static Row row(Transcript.Entry entry, String program, Set<String> actors) {
        if (entry instanceof Transcript.Data data) {
            String label = Visible.of(data.bytes());
            return new Row(data.millis(), data.from(), data.to(), label, data.from() + " → " + data.to() + ": " + label,
                    style(data, program), false, 0);
        }
        Transcript.Event original = (Transcript.Event) entry;
        String words = PARENTHESISED.matcher(original.text()).replaceAll("$1");
        Transcript.Event event = original;
        String actor = event.actor();
        String toward = program != null && !actor.isEmpty() && !actor.equals(program) ? program : null;
        String label = switch (event.kind()) {
            case CONNECTED -> "connect";
            case CONNECT_FAILED -> "could not connect";
            case SEND_FAILED -> "could not send";
            case HALF_CLOSED -> "half-close (FIN): no more data";
            case RESET -> "reset (RST)";
            case CLOSED_BY_GRADER -> "close";
            case INPUT_ENDED -> "end of input (Ctrl-D)";
            default -> words;
        };
        Style style = switch (event.kind()) {
            case CONNECT_FAILED, SEND_FAILED, RESET, ENDED, EXITED -> Style.TROUBLE;
            default -> Style.CONTROL;
        };
        boolean arrow = switch (event.kind()) {
            case CONNECTED, CONNECT_FAILED, SEND_FAILED, HALF_CLOSED, RESET, CLOSED_BY_GRADER, INPUT_ENDED -> true;
            default -> false;
        };
        if (arrow && toward != null) {
            return new Row(event.millis(), actor, toward, label, words, style, true, 0);
        }
        if (event.kind() == Transcript.Kind.CLOSED_BY_PROGRAM || event.kind() == Transcript.Kind.ENDED) {
            // The program closed (or lost) one connection: draw it toward that peer when the text names one.
            String peer = actors.stream()
                    .filter(name -> !name.equals(actor) && words.endsWith(" " + name)
                            || words.contains(" to " + name + " ended"))
                    .findFirst().orElse(null);
            if (peer != null) {
                String what = event.kind() == Transcript.Kind.ENDED ? words.replaceFirst("^connection to \\S+ ended: ", "ended: ")
                        : "close";
                return new Row(event.millis(), actor, peer, what, words, style, true, 0);
            }
        }
        if (event.kind() == Transcript.Kind.EXITED && !words.endsWith("status 0")) {
            return new Row(event.millis(), actor, null, words, words, Style.TROUBLE, false, 0);
        }
        return new Row(event.millis(), actor.isEmpty() ? null : actor, null, words, words,
                event.kind() == Transcript.Kind.EXITED ? Style.CONTROL : style, false, 0);
    }

    /**
     * What makes two rows alike for folding: the same kind of row between the same peers (but
     * for their numbers), whatever the bytes sent; events also by their words but for numbers.
     */
    private static String shape(Transcript.Entry entry, String program, Set<String> actors) {
        if (entry instanceof Transcript.Data data) {
            return "arrow|" + Row.generic(data.from()) + "|" + Row.generic(data.to()) + "|" + style(data, program);
        }
        return row(entry, program, actors).shape();
    }

    /** Folds each run of five or more rows alike into first, count, last. */
    private static List<Slot> fold(List<Transcript.Entry> entries, String program, Set<String> actors) {
        List<String> shapes = entries.stream().map(entry -> shape(entry, program, actors)).toList();
        List<Slot> out = new ArrayList<>();
        int i = 0;
        while (i < shapes.size()) {
            int end = i + 1;
            while (end < shapes.size() && shapes.get(end).equals(shapes.get(i))) {
                end++;
            }
            if (end - i >= 5) {
                out.add(Slot.of(entries, i));
                out.add(Slot.marker(entries.get(i + 1).millis(), "⋮  " + (end - i - 2) + " more like these", end - i - 2));
                out.add(Slot.of(entries, end - 1));
            } else {
                for (int k = i; k < end; k++) {
                    out.add(Slot.of(entries, k));
                }
            }
            i = end;
        }
        return out;
    }

    private static List<Slot> shorten(List<Slot> slots) {
        if (slots.size() <= HEAD + TAIL + 5) {
            return slots;
        }
        List<Slot> out = new ArrayList<>(slots.subList(0, HEAD));
        int left = slots.size() - HEAD - TAIL;
        out.add(Slot.marker(slots.get(HEAD).millis(), "⋮  " + left + " more entries, left out", left));
        out.addAll(slots.subList(slots.size() - TAIL, slots.size()));
        return out;
    }

    /** stdin, the program, its stdout, then the grader's peers in the order they appear. */
    private static List<String> lifelines(List<Row> rows, String program) {
        Set<String> seen = new LinkedHashSet<>();
        for (Row row : rows) {
            if (row.from() != null) {
                seen.add(row.from());
            }
            if (row.to() != null) {
                seen.add(row.to());
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String first : new String[] {"stdin", program, "stdout"}) {
            if (first != null && seen.remove(first)) {
                ordered.add(first);
            }
        }
        ordered.addAll(seen);
        if (ordered.size() > MAX_LIFELINES) {
            List<String> kept = new ArrayList<>(ordered.subList(0, MAX_LIFELINES - 1));
            kept.add(OTHERS);
            return kept;
        }
        return ordered;
    }

    private static String draw(List<Row> rows, List<String> lifelines) {
        int n = lifelines.size();
        int column = Math.max(110, Math.min(300, (MAX_WIDTH - LEFT) / Math.max(1, n)));
        int width = Math.max(LEFT + column * n + 20, 760);
        for (Row row : rows) {
            // Room for each label where it starts, so that text is cut only on a very wide exchange.
            int from = index(lifelines, row.from());
            int start = from < 0 ? LEFT + 8 : row.to() == null ? x(from, column) + 10
                    : Math.min(x(from, column), x(Math.max(0, index(lifelines, row.to())), column)) + 8;
            if (row.to() != null || from < lifelines.size() - 1) {
                width = Math.max(width, Math.min(MAX_WIDTH, start + (int) (row.label().length() * CHAR) + 16));
            }
        }
        int height = TOP + HEADER + 16 + rows.size() * ROW + 12;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" style=\"max-width:100%%;height:auto\" role=\"img\""
                + " aria-label=\"the exchange as a sequence diagram\">%n",
                width, height, width, height));
        svg.append("""
                <defs>
                <marker id="ah-PROGRAM" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#0969da"/></marker>
                <marker id="ah-GRADER" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker>
                <marker id="ah-CONTROL" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#8c959f"/></marker>
                <marker id="ah-TROUBLE" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#cf222e"/></marker>
                </defs>
                <style>
                text { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
                .who { font: 600 13px -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
                .t { fill: #8c959f; font-size: 11px; }
                .lbl { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
                .esc { fill: #cf222e; font-weight: 700; } .nl { fill: #8c959f; }
                .l-PROGRAM { stroke: #0969da; } .l-GRADER { stroke: #57606a; } .l-CONTROL { stroke: #8c959f; }
                .l-TROUBLE { stroke: #cf222e; }
                .f-PROGRAM { fill: #0969da; } .f-GRADER { fill: #24292f; } .f-CONTROL { fill: #57606a; }
                .f-TROUBLE { fill: #cf222e; }
                .fold { fill: #8c959f; font-style: italic; }
                </style>
                """);
        int lifelineTop = TOP + HEADER;
        int bottom = height - 6;
        for (int i = 0; i < n; i++) {
            int x = x(i, column);
            String name = lifelines.get(i);
            boolean program = name.startsWith("your ");
            int boxWidth = Math.min(column - 16, Math.max(64, (int) (name.length() * 8.2) + 20));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"%s\" stroke-dasharray=\"4 4\"/>%n", x, lifelineTop, x, bottom,
                    program ? "#0969da" : "#afb8c1", program ? "2" : "1.2"));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\""
                    + " fill=\"%s\" stroke=\"%s\"/>%n", x - boxWidth / 2, TOP, boxWidth, HEADER - 4,
                    program ? "#ddf4ff" : "#f6f8fa", program ? "#0969da" : "#d0d7de"));
            svg.append(String.format(Locale.ROOT, "<text class=\"who\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + HEADER - 10, Html.escape(name)));
        }
        long previous = -1;
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int y = lifelineTop + 16 + r * ROW + ROW / 2;
            if (row.millis() != previous && row.folded() == 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"t\" x=\"%d\" y=\"%d\" text-anchor=\"end\">+%d ms</text>%n",
                        LEFT - 12, y + 4, row.millis()));
                previous = row.millis();
            }
            if (row.folded() > 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"fold\" x=\"%d\" y=\"%d\">%s</text>%n",
                        LEFT + 8, y + 4, Html.escape(row.label())));
                continue;
            }
            int from = index(lifelines, row.from());
            if (row.to() != null && from >= 0) {
                int to = index(lifelines, row.to());
                int x1 = x(from, column);
                int x2 = x(to, column);
                if (x1 == x2) {
                    x2 = x1 + 30;
                }
                int shorten = x2 > x1 ? -4 : 4;
                svg.append(String.format(Locale.ROOT, "<g><title>+%d ms  %s</title>", row.millis(), Html.escape(row.tooltip())));
                svg.append(String.format(Locale.ROOT, "<line class=\"l-%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                        + " stroke-width=\"1.6\"%s marker-end=\"url(#ah-%s)\"/>", row.style(), x1, y + 6, x2 + shorten, y + 6,
                        row.dashed() ? " stroke-dasharray=\"5 3\"" : "", row.style()));
                int start = Math.min(x1, x2) + 8;
                int room = (int) ((width - start - 6) / CHAR);
                svg.append(String.format(Locale.ROOT, "<text class=\"lbl f-%s\" x=\"%d\" y=\"%d\">", row.style(),
                        start, y + 1));
                svg.append(labelSpans(cut(row.label(), room), row.style() != Style.CONTROL && !row.dashed()));
                svg.append("</text></g>\n");
            } else {
                int x = from >= 0 ? x(from, column) : LEFT + 8;
                if (from >= 0) {
                    svg.append(String.format(Locale.ROOT, "<circle class=\"f-%s\" cx=\"%d\" cy=\"%d\" r=\"4\"/>", row.style(), x, y));
                }
                int start = from >= 0 ? x + 10 : x;
                int roomRight = (int) ((width - start - 6) / CHAR);
                int roomLeft = (int) ((x - 10 - LEFT) / CHAR);
                // A mark on a lifeline near the right edge writes its words to the left of the dot.
                boolean leftward = from >= 0 && row.label().length() > roomRight && roomLeft > roomRight;
                svg.append(String.format(Locale.ROOT, "<text class=\"lbl f-%s\" x=\"%d\" y=\"%d\"%s"
                        + " font-style=\"italic\"><title>%s</title>%s</text>%n", row.style(), leftward ? x - 10 : start,
                        y + 4, leftward ? " text-anchor=\"end\"" : "", Html.escape(row.tooltip()),
                        Html.escape(cut(row.label(), leftward ? roomLeft : roomRight))));
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static int x(int index, int column) {
        return LEFT + column * index + column / 2;
    }

    private static int index(List<String> lifelines, String name) {
        if (name == null) {
            return -1;
        }
        int at = lifelines.indexOf(name);
        return at >= 0 ? at : lifelines.indexOf(OTHERS);
    }

    private static String cut(String text, int room) {
        int max = Math.max(16, room);
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The label with escapes highlighted: \r, \t, \xNN in red; \n in grey. Already escaped by Visible. */
    private static String labelSpans(String label, boolean highlight) {
        if (!highlight) {
            return Html.escape(label);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < label.length()) {
            char c = label.charAt(i);
            if (c == '\\' && i + 1 < label.length()) {
                char next = label.charAt(i + 1);
                int length = next == 'x' && i + 3 < label.length() ? 4 : 2;
                String escape = label.substring(i, i + length);
                if (next == 'n') {
                    out.append("<tspan class=\"nl\">").append(Html.escape(escape)).append("</tspan>");
                } else if (next == '\\' || next == '"') {
                    out.append(Html.escape(escape));
                } else {
                    out.append("<tspan class=\"esc\">").append(Html.escape(escape)).append("</tspan>");
                }
                i += length;
            } else {
                out.append(Html.escape(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }
}
