package lab02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Step 2's {@code ClientHandler} tested without a network or a thread: {@code run()} is called
 * directly, on a Mockito stand-in for the socket whose streams are in memory. Run with
 * {@code mvn -pl lab02-multiclient test}; add a test by copying one.
 */
class ClientHandlerTest {
    private final ByteArrayOutputStream sentBack = new ByteArrayOutputStream();

    private Socket socket(InputStream fromClient) throws IOException {
        Socket socket = mock(Socket.class);
        when(socket.getInetAddress()).thenReturn(InetAddress.getLoopbackAddress());
        when(socket.getPort()).thenReturn(53422);
        when(socket.getInputStream()).thenReturn(fromClient);
        when(socket.getOutputStream()).thenReturn(sentBack);
        return socket;
    }

    @Test
    void echoesEveryLineThenClosesTheSocket() throws IOException {
        Socket socket = socket(new ByteArrayInputStream("hello\n\nwörld\n".getBytes(StandardCharsets.UTF_8)));

        new EchoServer.ClientHandler(socket, mock(PrintStream.class)).run();

        assertThat(sentBack.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n\nwörld\n");
        verify(socket, atLeastOnce()).close();
    }

    @Test
    void aResetEndsThisClientQuietlyAndStillClosesItsSocket() throws IOException {
        InputStream resetting = mock(InputStream.class);
        when(resetting.read()).thenThrow(new SocketException("Connection reset"));
        when(resetting.read(any(byte[].class), anyInt(), anyInt())).thenThrow(new SocketException("Connection reset"));
        Socket socket = socket(resetting);

        assertThatCode(() -> new EchoServer.ClientHandler(socket, mock(PrintStream.class)).run())
                .as("run() must not throw: the error ends this client only").doesNotThrowAnyException();

        verify(socket, atLeastOnce()).close();
    }
}
