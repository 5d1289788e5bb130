package socketlab.grader;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The report a student reads for a failed test, in the order a student needs it: what went
 * wrong and the likely bug, how to replay it by hand, the transcript, the program's output,
 * and the seed that replays the run. A cause that outranks what the test saw is said first:
 * a starter stub not written yet, a server that crashed, an exception that names the bug.
 */
final class FailureReport {
    /** How many silent connections are half-closed to find out whether a server keeps its replies. */
    private static final int PROBED = 3;

    private final TestSession session;

    FailureReport(TestSession session) {
        this.session = session;
    }

    String render(Throwable failure) {
        List<StudentProcess> processes = session.processes();
        // A program that is failing is often dying (an exception escaped main): give it a
        // moment to exit and finish writing stderr, so the report can say what killed it.
        processes.forEach(StudentProcess::settleBeforeReport);
        if (failure instanceof GradingFailure grading && endsConnections(grading.symptom())) {
            // A connection that ended, or could not be made, is what a dying server leaves: give
            // it the time to be seen dead, so the report names the exit rather than the symptom.
            processes.forEach(process -> process.awaitExit(session.waits().quiet().multipliedBy(4)));
        }
        Optional<StudentProcess.NotImplemented> stub = stub(processes);
        if (stub.isPresent()) {
            return notImplemented(stub.get(), failure);
        }
        Throwable explained = inLanguage(explainedByOutput(failure, processes));
        Optional<StudentProcess> crashed = processes.stream()
                .filter(p -> session.role() == Role.SERVER && !p.isAlive()).findFirst();
        // A program stopped by a sandbox limit (a fork bomb, a memory hog): that is the news,
        // whatever the test saw and whatever an earlier test of the role found.
        Optional<String> breach = session.limitBreach();
        if (breach.isPresent()) {
            return breach.get() + "\nWhat the test saw: " + firstLine(headline(explained)) + rest(processes);
        }
        Optional<SharedCause.Found> exited = crashed.filter(server -> server.exitStatus().orElse(-1) == 0)
                .flatMap(server -> session.causes().of(session.lab(), Role.SERVER))
                .filter(found -> found.kind() == SharedCause.Kind.EXITS);
        if (exited.isPresent()) {
            return pointer(exited.get().pointer(session.programLabel()) + "\nWhat this test saw: "
                    + firstLine(headline(explained)));
        }
        Throwable shared = session.role() == Role.SERVER && crashed.isEmpty() ? sharedCause(explained) : explained;
        if (shared instanceof GradingFailure grading && grading.symptom() == Symptom.SAME_CAUSE) {
            return pointer(grading.summary());
        }
        String head = crashed.isPresent() ? crashReport(crashed.get(), explained) : headline(shared);
        return head + rest(processes);
    }

    /** What follows the headline: the replay, the transcript, the programs' output and the seed. */
    private String rest(List<StudentProcess> processes) {
        StringBuilder out = new StringBuilder();
        new ReplayCommand(session).render().ifPresent(replay -> out.append("\n\n").append(replay));
        out.append("\n\nTranscript (milliseconds since the test began; \"->\" shows who sent what):\n")
                .append(session.transcript().render());
        for (StudentProcess process : processes) {
            out.append("\n\n").append(process.outputReport());
        }
        out.append("\n\nReplay this exact run (same random payloads): add -Dgrader.seed=").append(session.seed());
        return out.toString();
    }

    /** A failure whose cause an earlier report of the role gave in full: it says so, and no more. */
    private String pointer(String text) {
        return text + "\n\nReplay this exact run (same random payloads): add -Dgrader.seed=" + session.seed();
    }

    /** The hint in the words of the program's language. */
    private Throwable inLanguage(Throwable failure) {
        if (failure instanceof GradingFailure grading && grading.hint() != null) {
            String said = LanguageHints.in(session.language(), grading.hint());
            return said.equals(grading.hint()) ? failure : grading.withHint(said);
        }
        return failure;
    }

    private static boolean endsConnections(Symptom symptom) {
        return symptom == Symptom.CONNECTION_ENDED || symptom == Symptom.CONNECT_FAILED
                || symptom == Symptom.SEND_FAILED;
    }

    /** When the program's stderr names the cause (an exception the kit knows), that cause is the hint. */
    private static Throwable explainedByOutput(Throwable failure, List<StudentProcess> processes) {
        if (!(failure instanceof GradingFailure grading)) {
            return failure;
        }
        for (StudentProcess process : processes) {
            Optional<ProgramOutput.Rule> rule = ProgramOutput.explain(process.stderrLines());
            if (rule.isPresent()) {
                return grading.withHint("The stderr of " + process.label() + " (below) shows " + rule.get().cause()
                        + ". " + rule.get().hint());
            }
        }
        return failure;
    }

    /**
     * A server that sent nothing: finds out, once per role, whether it keeps its replies in a
     * buffer (they come the moment the connection is half-closed, when the server closes and
     * so flushes) or answers nothing at all; later tests that see the same point to it.
     */
    private Throwable sharedCause(Throwable failure) {
        if (!(failure instanceof GradingFailure grading) || grading.symptom() != Symptom.NOTHING_RECEIVED
                && grading.symptom() != Symptom.CONNECTION_ENDED) {
            return failure;
        }
        SharedCause causes = session.causes();
        Optional<SharedCause.Found> known = causes.of(session.lab(), Role.SERVER)
                .filter(found -> found.kind() == SharedCause.Kind.NEVER_FLUSHES
                        || found.kind() == SharedCause.Kind.NEVER_ANSWERS);
        boolean nothingCame = session.peers().stream().allMatch(LinePeer::receivedNothing);
        if (known.isPresent() && nothingCame) {
            return GradingFailure.because(known.get().pointer(session.programLabel()))
                    .expected(grading.expected()).actual(grading.actual()).symptom(Symptom.SAME_CAUSE).build();
        }
        if (grading.symptom() != Symptom.NOTHING_RECEIVED) {
            return failure;
        }
        List<LinePeer> silent = session.peers().stream().filter(LinePeer::receivedNothing).toList();
        Duration probe = session.waits().quiet().multipliedBy(4);
        // A program that keeps its replies gives them up at the first half-close; one that
        // answers none of PROBED silent connections will not answer the next ninety either,
        // and each probe costs its wait (a pool of two under a hundred clients: 98 s).
        List<LinePeer> probed = silent.stream().filter(LinePeer::isOpenBothWays).limit(PROBED).toList();
        for (LinePeer peer : probed) {
            if (peer.anythingAfterHalfClose(probe)) {
                GradingFailure flush = GradingFailure.because("Your server never flushes: " + peer.name() + " got"
                                + " nothing back until it stopped sending (a half-close); then the reply came at once,"
                                + " because closing the connection flushed it.")
                        .expected(grading.expected()).actual(grading.actual() + " until the half-close")
                        .hint(Hints.FLUSH).symptom(Symptom.NOTHING_RECEIVED).build();
                causes.record(session.lab(), Role.SERVER, SharedCause.Kind.NEVER_FLUSHES, session.name(), flush.headline());
                return flush;
            }
        }
        boolean nothingAnywhere = !session.peers().isEmpty() && silent.size() == session.peers().size()
                && silent.stream().anyMatch(LinePeer::sentAWholeLine);
        if (nothingAnywhere) {
            causes.record(session.lab(), Role.SERVER, SharedCause.Kind.NEVER_ANSWERS, session.name(), grading.headline());
        }
        // Nothing after the half-close does not clear a missing flush: a Java server that closes
        // its socket, not its BufferedWriter, loses the buffer. The hint keeps both leads.
        return failure;
    }

    /** A server that died mid-test: that is the news, whatever the peers saw afterwards. */
    private String crashReport(StudentProcess server, Throwable failure) {
        if (server.exitStatus().orElse(-1) == 0) {
            String headline = "Your server exited with status 0, as if it had finished, during the test: a server"
                    + " never ends on its own.";
            session.causes().record(session.lab(), Role.SERVER, SharedCause.Kind.EXITS, session.name(), headline);
            return headline + "\nWhat the test saw: " + firstLine(headline(failure))
                    + "\n\nHint: loop around accept(): serve one client, then accept the next, for ever (while (true))."
                    + " The grader's first connection is its check that the server listens, closed at once: a server"
                    + " that returns from main (or calls exit) after one client ends right there.";
        }
        return "Your server crashed: it exited (status " + server.exitStatus().orElse(-1) + ") during the test, so the"
                + " test could not go on.\nWhat the test saw: " + firstLine(headline(failure))
                + "\n\nHint: read the end of its stderr below: the exception, and the line of your code it names. A"
                + " client that resets or vanishes must end only its own conversation: catch IOException around the work"
                + " with one client, log it, and carry on.";
    }

    /** The starter's stub one of {@code processes} stopped on, if one did: the report then says "Not implemented yet". */
    static Optional<StudentProcess.NotImplemented> stub(List<StudentProcess> processes) {
        return processes.stream().map(StudentProcess::notImplemented).flatMap(Optional::stream).findFirst();
    }

    private String notImplemented(StudentProcess.NotImplemented stub, Throwable failure) {
        Lab lab = session.lab();
        String program = session.programLabel();
        return "Not implemented yet: see step " + stub.step() + " of the handout (" + lab.handout() + ")"
                + (stub.todo().isEmpty() ? "." : ": " + stub.todo())
                + "\n\n" + Character.toUpperCase(program.charAt(0)) + program.substring(1)
                + " stopped on the UnsupportedOperationException that the starter code throws until you write that step"
                + " (in " + lab.sourceFile(session.role()) + ").\nWhat the test saw: " + firstLine(headline(failure));
    }

    private static String headline(Throwable failure) {
        if (failure instanceof GradingFailure grading) {
            return grading.summary();
        }
        if (failure instanceof GraderSetupException || failure instanceof AssertionError) {
            return String.valueOf(failure.getMessage());
        }
        return "The grader hit an unexpected error: " + failure + "\n  at " + (failure.getStackTrace().length > 0
                ? failure.getStackTrace()[0] : "?") + "\nThis is a bug in the grader or its test; please report it with"
                + " this whole message.";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
