package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash reports of several languages are named; the decision stays with the line count. */
class TraceKindTest {

    @Test
    void eachLanguagesTraceIsNamed() {
        assertThat(TraceKind.in(List.of("Exception in thread \"main\" java.net.ConnectException: refused",
                "\tat java.base/sun.nio.ch.Net.connect0(Native Method)"))).contains(TraceKind.JAVA);
        assertThat(TraceKind.in(List.of("Traceback (most recent call last):", "  File \"c.py\", line 7, in main",
                "ConnectionRefusedError: [Errno 111] Connection refused"))).contains(TraceKind.PYTHON);
        assertThat(TraceKind.in(List.of("node:events:502", "      throw er; // Unhandled 'error' event",
                "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)"))).contains(TraceKind.NODE);
        assertThat(TraceKind.in(List.of("panic: dial tcp 127.0.0.1:4001: connect: connection refused", "",
                "goroutine 1 [running]:"))).contains(TraceKind.GO);
        assertThat(TraceKind.in(List.of("thread 'main' panicked at src/main.rs:4:5:"))).contains(TraceKind.RUST);
    }

    @Test
    void oneClearLineIsNoTraceAndBlankLinesDoNotCount() {
        assertThat(TraceKind.in(List.of("Could not connect to 127.0.0.1:4001: Connection refused"))).isEmpty();
        assertThat(TraceKind.nonBlank(List.of("", "Could not connect: Connection refused", "  "))).hasSize(1);
    }
}
