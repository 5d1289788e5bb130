package lab01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Step 4's {@code echo} tested without a network: the socket is a Mockito stand-in whose
 * streams are in memory, so the test says exactly which bytes went in and which came out.
 * Run with {@code mvn -pl lab01-echo test}. To add a test of your own: copy one, change what
 * the "client" sends and what you expect back.
 */
class EchoServerTest {
    private final ByteArrayOutputStream sentBack = new ByteArrayOutputStream();

    /** A socket whose client "sends" these bytes and then closes its side. */
    private Socket clientSending(String text) throws IOException {
        Socket socket = mock(Socket.class);
        when(socket.getInputStream()).thenReturn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        when(socket.getOutputStream()).thenReturn(sentBack);
        return socket;
    }

    private String echoOf(String text) throws IOException {
        new EchoServer(0, "127.0.0.1").echo(clientSending(text));
        return sentBack.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyLineComesBackInOrder() throws IOException {
        assertThat(echoOf("hello\nworld\n")).isEqualTo("hello\nworld\n");
    }

    @Test
    void anEmptyLineIsALineToo() throws IOException {
        assertThat(echoOf("a\n\nb\n")).isEqualTo("a\n\nb\n");
    }

    @Test
    void aLastLineWithoutNewlineComesBackWithOne() throws IOException {
        assertThat(echoOf("no newline at the end")).isEqualTo("no newline at the end\n");
    }

    @Test
    void textIsUtf8WhateverThePlatformDefault() throws IOException {
        assertThat(sentBackBytes("wörld ✓\n")).isEqualTo("wörld ✓\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineEndedByCrLfComesBackWithABareNewline() throws IOException {
        assertThat(echoOf("from telnet\r\n")).isEqualTo("from telnet\n");
    }

    private byte[] sentBackBytes(String text) throws IOException {
        echoOf(text);
        return sentBack.toByteArray();
    }
}
