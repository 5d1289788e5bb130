package socketlab.loadtool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load tool's command line. Every option has a default that reproduces the figures of
 * lab05-scale/README.md; {@code --help} prints them.
 *
 * @param servers     what to measure, in order: kit names (selector, threads, virtual) or NAME=COMMAND
 * @param steps       room sizes to measure at, ascending
 * @param joinRate    members joining per second (0: as fast as the server lets them, in waves)
 * @param lines       lines the sender sends at each step, for the fan-out latency
 * @param chatRate    lines per second the sender sends (0: each as soon as the previous one has reached everyone)
 * @param stepTimeout how long one step may take before the server is declared unable to hold it
 * @param out         where the CSV and the SVG go
 * @param plot        a CSV of an earlier run to plot again (nothing is measured), or null
 */
record Options(List<String> servers, List<Integer> steps, double joinRate, int lines, double chatRate,
               Duration stepTimeout, Path out, Path plot) {

    static final String USAGE = """
            Usage: mvn -q -pl loadtool compile exec:java -Dexec.args="[options]"
              --servers LIST     comma-separated: selector (lab05.ChatServer), threads (lab04.ChatServer,
                                 a thread per client), virtual (lab05.VirtualThreadChatServer, needs a
                                 JDK 21+), or NAME=COMMAND with {port}, e.g. "mine=python3 chat.py {port}"
                                 (default: selector,virtual,threads)
              --steps LIST       room sizes, ascending (default: 1000,2000,5000,10000)
              --join-rate N      members joining per second; 0 = as fast as the server lets them (default: 0)
              --lines N          lines sent at each step for the fan-out latency (default: 20)
              --chat-rate N      lines per second; 0 = each once the previous one reached everyone (default: 0)
              --step-timeout S   seconds one step may take before the server counts as unable to hold it (default: 180)
              --out DIR          where scale.csv and scale.svg go (default: loadtool/target/results)
              --plot FILE.csv    only draw FILE.svg again from the CSV of an earlier run
            Only 127.0.0.1 is ever used. Memory and threads are read from /proc (Linux).""";

    static Options parse(String[] args) {
        List<String> servers = List.of("selector", "virtual", "threads");
        List<Integer> steps = List.of(1000, 2000, 5000, 10000);
        double joinRate = 0;
        int lines = 20;
        double chatRate = 0;
        Duration stepTimeout = Duration.ofSeconds(180);
        Path out = Path.of("loadtool/target/results");
        Path plot = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(name + " needs a value.");
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--servers" -> servers = List.of(value.split(","));
                    case "--steps" -> steps = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf)
                            .sorted().toList();
                    case "--join-rate" -> joinRate = Double.parseDouble(value);
                    case "--lines" -> lines = Integer.parseInt(value);
                    case "--chat-rate" -> chatRate = Double.parseDouble(value);
                    case "--step-timeout" -> stepTimeout = Duration.ofSeconds(Long.parseLong(value));
                    case "--out" -> out = Path.of(value);
                    case "--plot" -> plot = Path.of(value);
                    default -> throw new UsageException("Unknown option " + name + ".");
                }
            } catch (NumberFormatException e) {
                throw new UsageException(name + " takes a number, not " + value + ".");
            }
        }
        return new Options(new ArrayList<>(servers), steps, joinRate, lines, chatRate, stepTimeout, out, plot);
    }

    /** A mistake on the command line: one sentence, then the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
