package socketlab.grader;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The language a program under test is written in, as far as its launch command shows it:
 * hints then name that language's calls (flush, sendall, setEncoding...) instead of Java's.
 */
enum Language {
    JAVA, PYTHON, JAVASCRIPT, OTHER;

    /** From the command the grader runs: the kit's Java sources, or a {@code -Dgrader.labNN.role} command. */
    static Language of(List<String> command, boolean javaSources) {
        if (javaSources) {
            return JAVA;
        }
        for (String word : command) {
            String name = Path.of(word).getFileName() == null ? word
                    : Path.of(word).getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.startsWith("python") || name.endsWith(".py")) {
                return PYTHON;
            }
            if (name.equals("node") || name.equals("nodejs") || name.endsWith(".js") || name.endsWith(".mjs")) {
                return JAVASCRIPT;
            }
            if (name.equals("java") || name.endsWith(".java") || name.endsWith(".jar")) {
                return JAVA;
            }
            if (!name.equals("env") && !name.equals("sh") && !name.equals("bash") && !name.startsWith("-")) {
                return OTHER;
            }
        }
        return OTHER;
    }
}
