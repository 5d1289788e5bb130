package socketlab.grader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code -Dgrader.labNN.role="CMD"} value into the words of a command, the way a
 * POSIX shell splits words (quotes and backslashes, no expansion), then fills in the
 * placeholders {@code {port}}, {@code {host}} and {@code {nick}}.
 */
final class CommandLine {
    private CommandLine() {
    }

    /** Splits like {@code sh} does: 'single', "double" (with \ escapes) and \ outside quotes. */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new GraderSetupException("The command " + command + " has an unclosed " + quote + " quote: close it,"
                    + " or put the whole -D option in the other kind of quotes.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new GraderSetupException("The command given to the grader is empty: give the program to run, e.g."
                    + " -Dgrader.lab01.server=\"python3 echo.py {port}\".");
        }
        return words;
    }

    /** Replaces {@code {name}} in every word with its value. */
    static List<String> fill(List<String> words, Map<String, String> values) {
        List<String> filled = new ArrayList<>();
        for (String w : words) {
            String out = w;
            for (Map.Entry<String, String> value : values.entrySet()) {
                out = out.replace("{" + value.getKey() + "}", value.getValue());
            }
            filled.add(out);
        }
        return filled;
    }
}
