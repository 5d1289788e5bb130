import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for {@code nc -N} on a machine without {@code nc}: it needs only the JDK.
 *
 * <pre>java tools/LineClient.java 127.0.0.1 4001</pre>
 *
 * Every line typed (or piped in) is sent, ended by \n, in UTF-8; every line that arrives is
 * printed at once. At the end of the input (Ctrl-D, or the end of a pipe) it stops sending but
 * keeps printing what arrives, as {@code nc -N} does; it exits when the server closes.
 */
public class LineClient {
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: java tools/LineClient.java HOST PORT   (e.g. 127.0.0.1 4001)");
            System.exit(2);
        }
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            Thread printer = new Thread(() -> printIncoming(socket), "printer");
            printer.start();
            sendKeyboard(socket);
            printer.join();
        } catch (IOException e) {
            System.err.println("Cannot talk to " + args[0] + ":" + args[1] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void sendKeyboard(Socket socket) throws IOException {
        BufferedReader keyboard = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        for (String line = keyboard.readLine(); line != null; line = keyboard.readLine()) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        socket.shutdownOutput();  // like nc -N: "I have nothing more to say", but keep listening
    }

    private static void printIncoming(Socket socket) {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                console.println(line);
            }
        } catch (IOException e) {
            console.println("(connection ended: " + e.getMessage() + ")");
        }
    }
}
