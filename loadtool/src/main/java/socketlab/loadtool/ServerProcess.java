package socketlab.loadtool;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A chat server under load: started from a command with {@code {port}} on a free loopback
 * port, its output sent to a log file, measured through {@code /proc}, and killed at the end.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String command, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> words = new ArrayList<>();
        for (String word : command.trim().split("\\s+")) {
            words.add(word.replace("{port}", String.valueOf(port)));
        }
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(words).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("the server did not listen on 127.0.0.1:" + port + " within 30 s (" + command
                        + "); see " + log);
            }
            process.waitFor(20, TimeUnit.MILLISECONDS); // a bounded pause that ends early if it dies
        }
        return server;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** VmRSS in KiB, summed over the server and its children; -1 without /proc. */
    long residentKiB() {
        return sum("VmRSS:");
    }

    /** Threads, summed over the server and its children; -1 without /proc. */
    long threads() {
        return sum("Threads:");
    }

    private long sum(String field) {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith(field)) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    private boolean accepts() {
        try (Socket probe = new Socket()) {
            probe.connect(address(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
