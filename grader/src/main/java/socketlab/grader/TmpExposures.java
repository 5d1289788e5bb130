package socketlab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a namespace sandbox must show again inside the program's private /tmp: the grader's
 * own folders when they lie under the real /tmp (the kit, the graded target, the report
 * folder with the compiled classes, the working directory), read-only. Everything else in
 * the real /tmp stays out of sight, including files a command names there (a program cannot
 * be handed another submission's path).
 */
final class TmpExposures {
    private static final Path TMP = Path.of("/tmp");

    private TmpExposures() {
    }

    /** Those of {@code kitFolders} and {@code directory} that lie under /tmp and exist, outermost only. */
    static List<Path> of(List<Path> kitFolders, Path directory) {
        TreeSet<Path> paths = new TreeSet<>();
        add(paths, directory.toAbsolutePath().normalize());
        kitFolders.forEach(folder -> add(paths, folder.toAbsolutePath().normalize()));
        List<Path> outermost = new ArrayList<>();
        for (Path path : paths) {
            if (outermost.stream().noneMatch(path::startsWith)) {
                outermost.add(path);
            }
        }
        return outermost;
    }

    private static void add(TreeSet<Path> paths, Path path) {
        if (path.startsWith(TMP) && !path.equals(TMP) && Files.exists(path)) {
            paths.add(path);
        }
    }
}
