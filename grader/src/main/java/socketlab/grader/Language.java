package socketlab.grader;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The language a program under test is written in, as far as its launch command shows it:
 * the kit's Java sources, {@code python3 client.py}, {@code node client.js}, a C file run by
 * its compiler. Hints use it to name the program's own functions ({@code recv()} does not
 * wake up when Python closes the socket, Java's {@code System.exit} is not Python's); when the
 * command does not show it (a compiled binary), hints speak in words that hold for any language.
 */
public enum Language {
    JAVA, PYTHON, JAVASCRIPT, C, UNKNOWN;

    /** The language of {@code command}; {@code javaSources} when the grader runs the kit's own Java sources. */
    static Language of(List<String> command, boolean javaSources) {
        if (javaSources) {
            return JAVA;
        }
        for (String word : command) {
            Language language = ofWord(word);
            if (language != UNKNOWN) {
                return language;
            }
        }
        return UNKNOWN;
    }

    private static Language ofWord(String word) {
        String name = word.isEmpty() ? "" : String.valueOf(Path.of(word.replace('\\', '/')).getFileName())
                .toLowerCase(Locale.ROOT);
        if (name.matches("python[0-9.]*|pypy[0-9.]*") || name.endsWith(".py")) {
            return PYTHON;
        }
        if (name.equals("node") || name.equals("nodejs") || name.equals("deno") || name.equals("bun")
                || name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs")) {
            return JAVASCRIPT;
        }
        if (name.equals("java") || name.endsWith(".java") || name.endsWith(".jar")) {
            return JAVA;
        }
        if (name.equals("gcc") || name.equals("cc") || name.equals("clang") || name.equals("tcc") || name.endsWith(".c")) {
            return C;
        }
        return UNKNOWN;
    }

    /** Starts a hint that says the same thing in this language's words: {@code .java(..).python(..).otherwise(..)}. */
    public Hint hint() {
        return new Hint(this);
    }

    /** One hint in several languages; {@link #otherwise} gives the words for any language and picks. */
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
