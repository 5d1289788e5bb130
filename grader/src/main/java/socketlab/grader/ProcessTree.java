package socketlab.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            for (ProcessHandle handle : round) {
                long left = Math.max(1, deadline - System.nanoTime());
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception stillAlive) {
                    // Looked at again in the next round, until the deadline.
                }
            }
            alive = round.stream().filter(ProcessHandle::isAlive).toList();
        }
    }
}
