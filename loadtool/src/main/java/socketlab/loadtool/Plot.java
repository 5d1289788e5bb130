package socketlab.loadtool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two small line charts in one SVG, drawn by hand (no plotting library is worth a
 * dependency for this): the fan-out latency p99 against members, and the memory per member
 * against members, one line per server, with SPEC's bounds dashed in red. A server that could
 * not hold a size ends its line there, marked with a cross (at the top of the latency chart,
 * where it has no latency).
 */
final class Plot {
    private static final String[] COLOURS = {"#1b73c0", "#d9480f", "#2b8a3e", "#862e9c", "#5c5f66"};
    private static final int WIDTH = 420;
    private static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int PLOT_W = 330;
    private static final int PLOT_H = 200;

    private Plot() {
    }

    static String svg(List<LoadTool.Row> rows) {
        Map<String, List<LoadTool.Row>> byServer = new LinkedHashMap<>();
        rows.forEach(row -> byServer.computeIfAbsent(row.server(), key -> new java.util.ArrayList<>()).add(row));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH * 2, HEIGHT + 30));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        chart(out, 0, "fan-out latency, p99 (ms)", byServer, LoadTool.Row::p99, 1000, "grader: 1 s at 1,000");
        chart(out, WIDTH, "resident memory per member (KiB)", byServer, LoadTool.Row::kibPerMember, 32,
                "SPEC: 32 KiB");
        int x = LEFT;
        int i = 0;
        for (String server : byServer.keySet()) {
            String colour = COLOURS[i++ % COLOURS.length];
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, HEIGHT + 8, colour, x + 16, HEIGHT + 18, escape(server)));
            x += 30 + 7 * server.length();
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\">\u00d7</text><text x=\"%d\""
                + " y=\"%d\">%s</text>%n", x + 10, HEIGHT + 19, x + 24, HEIGHT + 18, "could not hold that many members"));
        return out.append("</svg>\n").toString();
    }

    private static void chart(StringBuilder out, int offset, String title, Map<String, List<LoadTool.Row>> byServer,
                              java.util.function.ToDoubleFunction<LoadTool.Row> value, double bound,
                              String boundLabel) {
        double maxX = byServer.values().stream().flatMap(List::stream).mapToInt(LoadTool.Row::members).max().orElse(1);
        double maxY = byServer.values().stream().flatMap(List::stream).mapToDouble(value)
                .filter(v -> !Double.isNaN(v)).max().orElse(1);
        maxY = niceCeiling(Math.max(maxY, bound));
        int x0 = offset + LEFT;
        int y0 = TOP + PLOT_H;
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n", x0, TOP - 15,
                escape(title)));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", x0, TOP, PLOT_W, PLOT_H));
        for (int tick = 0; tick <= 4; tick++) {
            double y = maxY * tick / 4;
            int py = y0 - PLOT_H * tick / 4;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", x0, py, x0 + PLOT_W, py, x0 - 5, py + 4,
                    label(y)));
            double members = maxX * tick / 4;
            int px = x0 + PLOT_W * tick / 4;
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
                    y0 + 15, label(members)));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">members</text>%n",
                x0 + PLOT_W / 2, y0 + 32));
        double boundY = y0 - PLOT_H * bound / maxY;
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\""
                + " stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\" fill=\"#c00\" text-anchor=\"end\">%s</text>%n",
                x0, boundY, x0 + PLOT_W, boundY, x0 + PLOT_W - 3, boundY - 3, escape(boundLabel)));
        int i = 0;
        for (List<LoadTool.Row> series : byServer.values()) {
            String colour = COLOURS[i++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (LoadTool.Row row : series) {
                double v = value.applyAsDouble(row);
                double px = x0 + PLOT_W * row.joined() / maxX;
                double py = Double.isNaN(v) ? TOP : y0 - PLOT_H * Math.min(v, maxY) / maxY; // no value: did not hold
                if (!Double.isNaN(v)) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                }
                out.append(row.held() && !Double.isNaN(v)
                        ? String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, colour)
                        : String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" text-anchor=\"middle\""
                        + " font-size=\"14\">\u00d7</text>%n", px, py + 4, colour));
            }
            out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>%n", points.toString().trim(), colour));
        }
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (value <= step * power) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f", value)
                : value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
