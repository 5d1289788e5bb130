package socketlab.grader;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The language a program under test is written in, as far as its launch command shows it:
 * hints then name that language's calls (flush, sendall, setEncoding...) instead of Java's:
 * {@code recv()} does not wake up when Python closes the socket, Java's {@code System.exit} is
 * not Python's. When the command does not show it (a compiled binary), hints speak in words
 * that hold for any language.
 */
public enum Language {
    JAVA, PYTHON, JAVASCRIPT, C, OTHER;

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
            if (name.equals("gcc") || name.equals("cc") || name.equals("clang") || name.equals("tcc")
                    || name.endsWith(".c")) {
                return C;
            }
            if (!name.equals("env") && !name.equals("sh") && !name.equals("bash") && !name.startsWith("-")) {
                return OTHER;
            }
        }
        return OTHER;
    }

    /** Starts a hint said in this language's words: {@code .java(..).python(..).otherwise(..)}. */
    public Hint hint() {
        return new Hint(this);
    }

    /** One hint in several languages; {@link #otherwise} gives the words for any language, and picks. */
    public static final class Hint {
        private final Language language;
        private String chosen;

        private Hint(Language language) {
            this.language = language;
        }

        public Hint java(String text) {
            return when(JAVA, text);
        }

        public Hint python(String text) {
            return when(PYTHON, text);
        }

        public Hint javascript(String text) {
            return when(JAVASCRIPT, text);
        }

        public Hint c(String text) {
            return when(C, text);
        }

        private Hint when(Language which, String text) {
            if (language == which) {
                chosen = text;
            }
            return this;
        }

        /** The hint in the program's language if one was given, else {@code anyLanguage}. */
        public String otherwise(String anyLanguage) {
            return chosen != null ? chosen : anyLanguage;
        }
    }
}
