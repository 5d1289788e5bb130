package socketlab.grader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the run's sandbox once: each layer the mode allows is probed by actually running
 * {@code true} in it (a tool that is installed may still be refused by the kernel, a
 * seccomp profile or AppArmor), best first: bubblewrap, unshare, a separate user.
 */
final class SandboxChoice {
    private SandboxChoice() {
    }

    /** The sandbox for this run with the default limits and no kit folder under /tmp (for tests). */
    static Sandbox choose(SandboxMode mode, Path directory) {
        return choose(mode, directory, ProgramLimits.DEFAULT, List.of());
    }

    /**
     * The sandbox for this run, or a one-sentence GraderSetupException when the mode cannot be
     * met. {@code kitFolders} (the kit, the target, the report folder) stay visible, read-only,
     * even where they lie under /tmp, which the namespace layers replace by a private one.
     */
    static Sandbox choose(SandboxMode mode, Path directory, ProgramLimits limits, List<Path> kitFolders) {
        if (mode == SandboxMode.OFF) {
            return new NoSandbox(true);
        }
        Optional<PidsCgroup> pids = PidsCgroup.probe();
        List<Sandbox> candidates = new ArrayList<>();
        for (SandboxMode layer : List.of(SandboxMode.BUBBLEWRAP, SandboxMode.UNSHARE, SandboxMode.USER)) {
            if (mode == layer || mode == SandboxMode.AUTO || mode == SandboxMode.REQUIRED) {
                candidates.add(layer(layer, pids, limits, kitFolders));
            }
        }
        for (Sandbox candidate : candidates) {
            if (works(candidate, directory)) {
                return candidate;
            }
        }
        if (mode == SandboxMode.AUTO) {
            return new NoSandbox(false);
        }
        if (mode == SandboxMode.REQUIRED) {
            throw new GraderSetupException("-Dgrader.sandbox=required, but no sandbox works on this machine: "
                    + SandboxMode.BUBBLEWRAP.remedy() + " (and, on Ubuntu 24.04, allow it user namespaces), or grade as"
                    + " root; see \"For instructors\" in the README.");
        }
        throw new GraderSetupException(unavailable(mode));
    }

    /** Why a forced layer cannot be used, and the one step that makes it available. */
    static String unavailable(SandboxMode layer) {
        return layer.tag() + " not available: " + layer.remedy();
    }

    private static Sandbox layer(SandboxMode layer, Optional<PidsCgroup> pids, ProgramLimits limits,
                                 List<Path> kitFolders) {
        return switch (layer) {
            case BUBBLEWRAP -> new BubblewrapSandbox(limits, pids, kitFolders);
            case UNSHARE -> new UnshareSandbox(limits, pids, kitFolders);
            case USER -> new SeparateUserSandbox(limits, pids);
            default -> throw new IllegalArgumentException(layer + " is not a layer");
        };
    }

    /** Whether a trivial command runs in the layer: {@code unshare} and {@code setpriv} need root. */
    static boolean works(Sandbox sandbox, Path directory) {
        if (!(sandbox instanceof BubblewrapSandbox) && !UserProcesses.graderIsRoot()) {
            return false;
        }
        Confinement confinement;
        try {
            confinement = sandbox.confine(List.of("true"), directory);
        } catch (GraderSetupException e) {
            return false;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(confinement.command()).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(confinement.environment());
            Process probe = builder.start();
            boolean ended = probe.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                probe.destroyForcibly();
            }
            return ended && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            confinement.killAll();
            confinement.release();
        }
    }

    /** A pids cgroup for one program, where the machine has one for the grader. */
    static PidsCgroup.Group newGroup(Optional<PidsCgroup> pids, ProgramLimits limits) {
        if (pids.isEmpty()) {
            return null;
        }
        try {
            return pids.get().create(limits.processes());
        } catch (IOException e) {
            throw new GraderSetupException("The grader could not make a cgroup for the program (" + e.getMessage()
                    + "): another grading run may have filled the machine; run again.");
        }
    }
}
