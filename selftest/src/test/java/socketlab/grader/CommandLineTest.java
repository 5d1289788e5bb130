package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** -Dgrader.labNN.role="CMD" is split the way a shell would split it, placeholders filled. */
class CommandLineTest {

    @Test
    void splitsOnWhitespaceAndHonoursQuotesAndBackslashes() {
        assertThat(CommandLine.split("python3  'my dir/echo.py' \"{port}\" a\\ b \"say \\\"hi\\\"\""))
                .containsExactly("python3", "my dir/echo.py", "{port}", "a b", "say \"hi\"");
    }

    @Test
    void fillsThePlaceholdersInEveryWord() {
        assertThat(CommandLine.fill(List.of("client", "--to={host}:{port}", "{nick}"),
                Map.of("host", "127.0.0.1", "port", "4001", "nick", "alice")))
                .containsExactly("client", "--to=127.0.0.1:4001", "alice");
    }

    @Test
    void anUnclosedQuoteIsOneSentenceThatSaysWhatToDo() {
        assertThatThrownBy(() -> CommandLine.split("python3 'echo.py {port}"))
                .isInstanceOf(GraderSetupException.class)
                .hasMessageContaining("unclosed ' quote");
    }

    @Test
    void anEmptyCommandSaysWhatToGive() {
        assertThatThrownBy(() -> CommandLine.split("   ")).hasMessageContaining("is empty");
    }
}
