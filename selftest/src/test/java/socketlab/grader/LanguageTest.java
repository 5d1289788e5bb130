package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The language of a program is read from its launch command, and a hint picks its words. */
class LanguageTest {

    @Test
    void theLaunchCommandShowsTheLanguage() {
        assertThat(Language.of(List.of("python3", "client.py", "127.0.0.1", "4001"), false)).isEqualTo(Language.PYTHON);
        assertThat(Language.of(List.of("/usr/bin/python3.11", "-u", "c.py"), false)).isEqualTo(Language.PYTHON);
        assertThat(Language.of(List.of("node", "client.js"), false)).isEqualTo(Language.JAVASCRIPT);
        assertThat(Language.of(List.of("java", "-cp", "out", "Client"), false)).isEqualTo(Language.JAVA);
        assertThat(Language.of(List.of("sh", "-c", "gcc"), false)).isEqualTo(Language.C);
        assertThat(Language.of(List.of("tcc", "-run", "client.c"), false)).isEqualTo(Language.C);
        assertThat(Language.of(List.of("./chat_client", "127.0.0.1"), false)).isEqualTo(Language.OTHER);
        assertThat(Language.of(List.of("./chat_client"), true)).isEqualTo(Language.JAVA);
    }

    @Test
    void aHintSpeaksTheProgramsLanguageOrWordsForAnyLanguage() {
        assertThat(Language.PYTHON.hint().java("J").python("P").otherwise("any")).isEqualTo("P");
        assertThat(Language.JAVASCRIPT.hint().java("J").python("P").otherwise("any")).isEqualTo("any");
        assertThat(Language.OTHER.hint().java("J").otherwise("any")).isEqualTo("any");
    }
}
