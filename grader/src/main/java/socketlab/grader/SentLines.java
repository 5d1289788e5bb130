package socketlab.grader;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which peer of a test sent which line, so that a line arriving at the wrong client can be
 * reported as what it is: "C2 received the line that C1 sent". Payloads are random, so a
 * line names its sender.
 */
final class SentLines {
    private final Map<String, String> senders = new ConcurrentHashMap<>();

    void record(String line, String sender) {
        if (!line.isBlank()) {
            senders.putIfAbsent(line, sender);
        }
    }

    Optional<String> senderOf(String line) {
        return Optional.ofNullable(senders.get(line));
    }
}
