package socketlab.grader;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.pollinterval.IterativePollInterval;
import org.awaitility.pollinterval.PollInterval;

/**
 * Every wait the grader makes, in one place, each one bounded and multiplied by
 * {@code grader.timeoutScale}. There are two kinds: waiting for something that must happen
 * (generous, so a correct program on a slow machine never fails) and waiting to be sure
 * that something does not happen (short, since a correct program spends it idle).
 */
public final class Waits {
    /** A server program to accept connections: JVM start plus compile-free class loading. */
    static final Duration STARTUP = Duration.ofSeconds(20);
    /** Something the program must do: send a line, close, print. */
    static final Duration EVENT = Duration.ofSeconds(5);
    /** How long nothing must happen before the grader believes nothing will. */
    static final Duration QUIET = Duration.ofMillis(250);
    /**
     * How long a write of a peer that is not reading may be held up before the grader believes
     * the program stopped reading because of it: long, so that a program that only reads slowly
     * on a loaded machine is not taken for one that waits.
     */
    static final Duration HELD_UP = Duration.ofSeconds(2);
    /** A program to exit once it has been told to. */
    static final Duration EXIT = Duration.ofSeconds(5);
    /** The safety net around a whole test. */
    static final Duration TEST = Duration.ofSeconds(90);

    /**
     * Polls quickly at first and then less often: a line on loopback usually arrives within
     * a fraction of a millisecond, and thousands of such waits must not add up to seconds.
     */
    private static final PollInterval POLL = new IterativePollInterval(
            previous -> previous.multipliedBy(2).compareTo(Duration.ofMillis(10)) > 0 ? Duration.ofMillis(10)
                    : previous.multipliedBy(2), Duration.ofNanos(50_000));

    private final double scale;
    /** Runs a deadline's action (e.g. unblocking a write that passed its bound); made on first use. */
    private ScheduledThreadPoolExecutor deadlines;

    /** At most this long for an event; shorter than {@link #EVENT} once a role is known not to answer. */
    private final Duration eventCap;

    public Waits(double scale) {
        this(scale, null);
    }

    private Waits(double scale, Duration eventCap) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
        this.scale = scale;
        this.eventCap = eventCap;
    }

    /**
     * The same waits, but at most {@code base} (scaled) for an event: for the later tests of a
     * program already known to keep its replies (see {@link SharedCause}), where a reply that
     * comes at all comes at once, and one that does not would cost the full wait every time.
     */
    Waits withShortEvents(Duration base) {
        return new Waits(scale, scaled(base));
    }

    double scale() {
        return scale;
    }

    public Duration scaled(Duration base) {
        return Duration.ofNanos(Math.round(base.toNanos() * scale));
    }

    Duration startup() {
        return scaled(STARTUP);
    }

    public Duration event() {
        Duration event = scaled(EVENT);
        return eventCap != null && eventCap.compareTo(event) < 0 ? eventCap : event;
    }

    Duration quiet() {
        return scaled(QUIET);
    }

    /**
     * The bound of one write: as long as an event, and never shortened, since a write held up
     * by a peer that is not reading (see {@link #heldUp()}) needs that peer's reading to go on.
     */
    Duration write() {
        return scaled(EVENT);
    }

    Duration heldUp() {
        return scaled(HELD_UP);
    }

    public Duration exit() {
        return scaled(EXIT);
    }

    Duration test() {
        return scaled(TEST);
    }

    /**
     * A bounded await for {@code what}, polled often enough that a correct program is
     * never slowed down by the grader. Conditions passed to it must not block.
     */
    public ConditionFactory await(String what, Duration atMost) {
        return Awaitility.await(what)
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .pollInSameThread();
    }

    /**
     * Runs {@code action} once {@code limit} has passed, unless the returned handle is closed
     * first: the bound around a call that cannot take a timeout itself, such as a blocking
     * socket write. Its thread is a daemon and ends when idle, so nothing needs closing.
     */
    synchronized Deadline deadline(Duration limit, Runnable action) {
        if (deadlines == null) {
            deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "grader-deadline");
                thread.setDaemon(true);
                return thread;
            });
            deadlines.setKeepAliveTime(1, TimeUnit.SECONDS);
            deadlines.allowCoreThreadTimeOut(true);
            deadlines.setRemoveOnCancelPolicy(true);
        }
        ScheduledFuture<?> future = deadlines.schedule(action, limit.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** A pending deadline; closing it before it passes cancels its action. */
    interface Deadline extends AutoCloseable {
        @Override
        void close();
    }

    /** A human reading of a duration: "5 s", "250 ms". */
    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        double seconds = millis / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.format("%.1f", seconds)) + " s";
    }
}
