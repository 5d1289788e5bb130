package socketlab.grader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one program under test may use when it runs in a sandbox, and the sentence a student
 * reads when it used more. Processes are capped by a pids cgroup where the grader can make
 * one (root), else by RLIMIT_NPROC when the program has a user of its own; memory by
 * RLIMIT_DATA, which counts what a program writes to, not the address space a JVM reserves
 * without using it; each file it writes by RLIMIT_FSIZE; its private /tmp by the tmpfs size.
 *
 * @param processes the most processes and threads at once (2,000 clients of a thread-per-client
 *                  server of lab 02 fit, with room to spare)
 * @param memory    bytes of writable memory
 * @param fileSize  bytes of one file it writes
 * @param tmpSize   bytes of its private /tmp, where the layer gives it one
 */
record ProgramLimits(int processes, long memory, long fileSize, long tmpSize) {
    static final ProgramLimits DEFAULT = new ProgramLimits(4096, 4L << 30, 64L << 20, 64L << 20);

    /** The same limits with another process cap. */
    ProgramLimits withProcesses(int cap) {
        return new ProgramLimits(cap, memory, fileSize, tmpSize);
    }

    /** What a program prints when one of these limits stopped it, in the languages students use. */
    private static final List<String> OUT_OF_MEMORY = List.of("OutOfMemoryError", "MemoryError",
            "insufficient memory for the Java Runtime", "Cannot allocate memory", "heap out of memory", "bad_alloc");
    private static final List<String> OUT_OF_PROCESSES = List.of("Cannot fork", "fork: retry",
            "Resource temporarily unavailable", "unable to create native thread", "can't start new thread");

    /** The {@code prlimit} words that apply these limits to the command that follows. */
    List<String> prlimit(boolean capProcesses) {
        List<String> words = new ArrayList<>(List.of("prlimit", "--data=" + memory, "--fsize=" + fileSize));
        if (capProcesses) {
            words.add("--nproc=" + processes);
        }
        words.add("--");
        return words;
    }

    /** The limits in a few words, for the run's sandbox line. */
    String describe(boolean processesCapped, boolean tmpBounded) {
        return (processesCapped ? processes + " processes, " : "no process cap, ") + human(memory) + " of memory, "
                + human(fileSize) + " per file" + (tmpBounded ? ", " + human(tmpSize) + " of /tmp" : "");
    }

    /**
     * The failure a student reads when the program hit a limit: the process cap (known from
     * the cgroup's counter, or from what a program prints when fork fails) or the memory one.
     */
    Optional<String> breach(boolean processCapHit, boolean processesCapped, List<String> output) {
        if (processCapHit || processesCapped && mentions(output, OUT_OF_PROCESSES)) {
            return Optional.of("Your program started more than " + processes + " processes (threads count too), the"
                    + " most the grader allows, so starting more failed. Hint: a server needs one thread per client,"
                    + " not one process per line; look for a fork, a ProcessBuilder or a new Thread in a loop that never"
                    + " stops.");
        }
        if (mentions(output, OUT_OF_MEMORY)) {
            return Optional.of("Your program used more than " + human(memory) + " of memory, the most the grader allows,"
                    + " and ran out. Hint: look for a list, a buffer or a string that grows with every line and is never"
                    + " emptied, or a line read without a bound on its length.");
        }
        return Optional.empty();
    }

    private static boolean mentions(List<String> output, List<String> words) {
        return output.stream().anyMatch(line -> words.stream().anyMatch(line::contains));
    }

    static String human(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB"
                : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }
}
