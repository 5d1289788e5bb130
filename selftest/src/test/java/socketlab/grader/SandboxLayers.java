package socketlab.grader;

import java.nio.file.Path;
import java.util.Optional;

/**
 * For the kit's self-tests, which prove each sandbox layer: whether a layer works on this
 * machine, probed exactly as a grading run probes it.
 */
public final class SandboxLayers {
    private SandboxLayers() {
    }

    /** Empty if {@code layer} works here; else "LAYER not available: the command that installs it". */
    public static Optional<String> unavailable(String layer, Path directory) {
        try {
            SandboxChoice.choose(SandboxMode.parse(layer), directory);
            return Optional.empty();
        } catch (GraderSetupException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Whether the layer caps a program's processes here (a fork bomb is stopped). */
    public static boolean capsProcesses(String layer) {
        return SandboxMode.parse(layer) == SandboxMode.USER || PidsCgroup.probe().isPresent();
    }
}
