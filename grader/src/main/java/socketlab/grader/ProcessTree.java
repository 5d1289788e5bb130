package socketlab.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Ends a set of processes and everything they started, and waits until they are gone. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Kills every process in {@code roots} and their descendants, looking again for
     * children started while the first ones were being killed, until none is left or
     * {@code limit} has passed.
     */
    static void killAndAwait(List<ProcessHandle> roots, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> alive = new ArrayList<>(roots);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            List<ProcessHandle> round = new ArrayList<>();
            for (ProcessHandle handle : alive) {
                round.add(handle);
                handle.descendants().forEach(round::add);
            }
            round.forEach(ProcessHandle::destroyForcibly);
            awaitGone(round, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            alive = round.stream().filter(handle -> !isGone(handle)).toList();
        }
    }

    /**
     * Waits, at most {@code limit}, until every one of {@code processes} is gone. It reads
     * /proc rather than waiting on {@link ProcessHandle#onExit()}, which for a process that is
     * not the grader's own child polls only every 300 ms and more, and counts a zombie (dead,
     * waiting for a parent that may be slow to reap it) as gone.
     */
    static boolean awaitGone(List<ProcessHandle> processes, Duration limit) {
        try {
            Awaitility.await("processes to end").atMost(limit).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).until(() -> processes.stream().allMatch(ProcessTree::isGone));
            return true;
        } catch (ConditionTimeoutException stillAlive) {
            return false;
        }
    }

    /** Whether a process has ended: exited, or killed and only waiting to be reaped. */
    static boolean isGone(ProcessHandle process) {
        return !process.isAlive() || UserProcesses.isZombie(process.pid());
    }
}
