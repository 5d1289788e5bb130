package socketlab.loadtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Lab 05's load tool. For each server: start it, grow a chat room through the given sizes
 * (1,000, 2,000, 5,000, 10,000 members by default), and at each size measure what the
 * server costs (resident memory and threads, from /proc) and how fast a line reaches every
 * member (fan-out latency percentiles, from HdrHistogram). One row per server and size goes
 * to {@code scale.csv}; {@code scale.svg} plots latency and memory against members, one line
 * per server, so two or three servers compare side by side.
 */
public final class LoadTool {

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        if (options.plot() != null) {
            Path svg = options.plot().resolveSibling(options.plot().getFileName().toString().replaceAll("\\.csv$", "")
                    + ".svg");
            Files.writeString(svg, Plot.svg(Row.parse(Files.readAllLines(options.plot(), StandardCharsets.UTF_8))),
                    StandardCharsets.UTF_8);
            System.out.println("Wrote " + svg);
            return;
        }
        List<Row> rows = new ArrayList<>();
        for (String server : options.servers()) {
            Servers.Command command = Servers.resolve(server, options.out());
            if (command.skipped() != null) {
                System.out.println(command.skipped());
                continue;
            }
            rows.addAll(measure(command, options));
        }
        Files.createDirectories(options.out());
        Path csv = options.out().resolve("scale.csv");
        Files.writeString(csv, Row.csv(rows), StandardCharsets.UTF_8);
        Path svg = options.out().resolve("scale.svg");
        Files.writeString(svg, Plot.svg(rows), StandardCharsets.UTF_8);
        System.out.println("Wrote " + csv + " and " + svg);
    }

    private static List<Row> measure(Servers.Command command, Options options) throws Exception {
        List<Row> rows = new ArrayList<>();
        System.out.println("== " + command.name() + ": " + command.line());
        try (ServerProcess server = ServerProcess.start(command.line(), options.out().resolve(command.name() + ".log"));
             Room room = new Room(server.address())) {
            long baseline = server.residentKiB();
            long baseThreads = server.threads();
            for (int members : options.steps()) {
                long start = System.nanoTime();
                long deadline = start + options.stepTimeout().toNanos();
                boolean held = room.grow(members, options.joinRate(), deadline) && server.isAlive();
                double joinSeconds = (System.nanoTime() - start) / 1e9;
                long resident = server.residentKiB();
                long threads = server.threads();
                Histogram latency = held ? room.fanOut(options.lines(), options.chatRate(), deadline) : null;
                Row row = Row.of(command.name(), members, room.joined(), held && latency != null, joinSeconds, resident,
                        (resident - baseline) / (double) Math.max(1, room.joined()), threads,
                        (threads - baseThreads) / (double) Math.max(1, room.joined()), latency,
                        latency == null ? 0 : latency.getTotalCount() / Math.max(1e-9, room.fanOutSeconds()));
                rows.add(row);
                System.out.println(row.describe());
                if (!row.held()) {
                    System.out.println("   " + command.name() + " did not hold " + members + " members within "
                            + options.stepTimeout().toSeconds() + " s: stopping it here.");
                    break;
                }
            }
        }
        return rows;
    }

    /**
     * One measurement: one server at one room size. Latencies are in milliseconds, NaN where
     * the server did not hold that size.
     */
    record Row(String server, int members, int joined, boolean held, double joinSeconds, long residentKiB,
               double kibPerMember, long threads, double threadsPerMember, double p50, double p99, double p999,
               double max, double deliveriesPerSecond) {

        static Row of(String server, int members, int joined, boolean held, double joinSeconds, long residentKiB,
                      double kibPerMember, long threads, double threadsPerMember, Histogram latency,
                      double deliveriesPerSecond) {
            return new Row(server, members, joined, held, joinSeconds, residentKiB, kibPerMember, threads,
                    threadsPerMember, millis(latency, 50), millis(latency, 99), millis(latency, 99.9),
                    millis(latency, 100), deliveriesPerSecond);
        }

        private static double millis(Histogram latency, double percentile) {
            if (latency == null) {
                return Double.NaN;
            }
            return (percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile)) / 1000.0;
        }

        String describe() {
            return String.format(Locale.ROOT, "  %-9s %6d members %s  join %6.1f s  RSS %7.1f MiB (%5.1f KiB/member)"
                            + "  %5d threads  fan-out p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms  max %7.1f ms  %9.0f"
                            + " deliveries/s", server, members, held ? "held" : "NOT held (" + joined + " joined)",
                    joinSeconds, residentKiB / 1024.0, kibPerMember, threads, p50, p99, p999, max, deliveriesPerSecond);
        }

        static final String HEADER = "server,members,joined,held,join_s,rss_mib,kib_per_member,threads,"
                + "threads_per_member,p50_ms,p99_ms,p999_ms,max_ms,deliveries_per_s";

        static String csv(List<Row> rows) {
            StringBuilder out = new StringBuilder(HEADER).append('\n');
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, "%s,%d,%d,%b,%.2f,%.1f,%.1f,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.0f%n",
                        row.server, row.members, row.joined, row.held, row.joinSeconds, row.residentKiB / 1024.0,
                        row.kibPerMember, row.threads, Math.max(0, row.threadsPerMember), row.p50, row.p99, row.p999,
                        row.max, row.deliveriesPerSecond));
            }
            return out.toString();
        }

        /** Reads back what {@link #csv} wrote, to plot it again. */
        static List<Row> parse(List<String> lines) {
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Boolean.parseBoolean(f[3]),
                        Double.parseDouble(f[4]), Math.round(Double.parseDouble(f[5]) * 1024), Double.parseDouble(f[6]),
                        Long.parseLong(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                        Double.parseDouble(f[10]), Double.parseDouble(f[11]), Double.parseDouble(f[12]),
                        Double.parseDouble(f[13])));
            }
            return rows;
        }
    }
}
