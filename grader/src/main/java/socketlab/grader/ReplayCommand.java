package socketlab.grader;

import java.util.List;
import java.util.Optional;

/**
 * How to replay a failed test by hand, with {@code nc} playing the grader's side: the
 * command that runs the program as the grader ran it, and for each connection the bytes it
 * sent, ready to paste.
 */
final class ReplayCommand {
    private final TestSession session;

    ReplayCommand(TestSession session) {
        this.session = session;
    }

    /** The replay text, or empty when a test opened no connection worth replaying. */
    Optional<String> render() {
        if (session.replayOverride().isPresent()) {
            return session.replayOverride();
        }
        Lab lab = session.lab();
        Role role = session.role();
        String run = session.isJavaSources()
                ? "java -Dfile.encoding=US-ASCII " + lab.sourceFile(role) + " " + (role == Role.SERVER ? "" : "127.0.0.1 ")
                        + lab.defaultPort() + "   (US-ASCII as the grader runs it, so charset bugs show)"
                : role == Role.SERVER ? "your server on port " + lab.defaultPort()
                        : "your client against 127.0.0.1 port " + lab.defaultPort();
        if (role == Role.CLIENT) {
            return Optional.of("Try it by hand: in one terminal play the server with  nc -l " + lab.defaultPort()
                    + "\n  in another run  " + run + "\n  then type, in each terminal, the lines the transcript shows"
                    + " that side sending.");
        }
        List<LinePeer> peers = session.peers();
        if (peers.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("Try it by hand: in one terminal run  " + run + "\n  then in another");
        if (peers.size() > 4) {
            return Optional.of(out.append(" connect a few clients with  nc 127.0.0.1 ").append(lab.defaultPort())
                    .append("  (this test opened ").append(peers.size()).append(" connections, too many to type).")
                    .toString());
        }
        List<LinePeer> senders = peers.stream().filter(LinePeer::sentAnything).toList();
        if (senders.isEmpty()) {
            return Optional.of(out.append(":  nc 127.0.0.1 ").append(lab.defaultPort()).toString());
        }
        out.append(senders.size() > 1 ? " (one terminal per connection, add | od -c to see every byte):"
                : " (add | od -c to see every byte):");
        for (LinePeer peer : senders) {
            out.append("\n  ").append(peer.replayableBytes()
                    .map(bytes -> "printf '" + Visible.forPrintf(bytes) + "' | nc -N 127.0.0.1 " + lab.defaultPort())
                    .orElse(peer.name() + " sent more than fits on a command line; see the transcript"));
        }
        if (session.transcript().has(Transcript.Kind.RESET)) {
            out.append("\n  (nc cannot reset a connection; where the transcript shows a reset, stop nc with Ctrl-C.)");
        }
        return Optional.of(out.toString());
    }
}
