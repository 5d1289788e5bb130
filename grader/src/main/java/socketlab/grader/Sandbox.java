package socketlab.grader;

import java.nio.file.Path;
import java.util.List;

/**
 * One way of isolating the programs under test (SPEC §6), chosen once per run by
 * {@link SandboxChoice}: bubblewrap or unshare namespaces, a separate user, or none.
 */
interface Sandbox {
    /** Its name, as {@code -Dgrader.sandbox} and the self-tests call it, e.g. "bubblewrap". */
    String name();

    /** What it protects, for the one line at the top of the run, e.g. "bubblewrap (own process namespace, ...)". */
    String describe();

    /** How to run {@code command} inside it, in {@code directory}; throws GraderSetupException if it cannot. */
    Confinement confine(List<String> command, Path directory);
}
