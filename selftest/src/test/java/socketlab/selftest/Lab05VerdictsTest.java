package socketlab.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import socketlab.grader.Lab;
import socketlab.grader.LabCompiler;
import socketlab.grader.Role;

/**
 * Lab 05's verdicts are right. The Selector reference passes every test (the kit's own
 * command grades it). Here: lab 04's thread-per-client reference is caught by the memory
 * check, with a message that names a thread per member; a selector server that loses what a
 * partial write did not take is caught; and, where a JDK 21 or newer exists, the
 * virtual-thread variant passes the fan-out and stalled-member tests while a virtual-thread
 * server that holds a monitor around blocking writes is caught by the member that stops reading. Without a JDK
 * 21+, only those two are skipped, with one line saying so.
 */
@ExtendWith(NoLeftoversExtension.class)
class Lab05VerdictsTest {
    /**
     * The virtual-thread variant is held to these two. Its memory is measured, not asserted:
     * about 31 KiB per idle member on the kit's machine (grader/README.md), at the 32 KiB bound,
     * so its verdict there would be a coin toss, and a self-test must not be one.
     */
    private static final String[] VIRTUAL_THREAD_TESTS = {"fansOutToAThousandMembers",
            "aMemberThatStopsReadingNeverDelaysTheOthers"};

    @Test
    void lab04sThreadPerClientServerFailsTheMemoryCheckAndIsToldWhy() {
        Path classes = new LabCompiler(GradingRun.ROOT.resolve("selftest/target/reference-classes"))
                .compile(GradingRun.ROOT.resolve("solutions"), Lab.LAB04);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp " + classes + " lab04.ChatServer {port}";
        // At full scale: at half, this slow server could run out of time before it runs out of budget.
        GradingRun.Verdict verdict = GradingRun.of(Lab.LAB05, Role.SERVER).command(command)
                .only("holdsTenThousandIdleMembers").run().of("holdsTenThousandIdleMembers");
        assertThat(verdict.passed()).as("lab 04's thread-per-client reference passed '%s'", verdict.displayName())
                .isFalse();
        assertThat(verdict.message()).as("the failure message for lab 04's reference").contains("resident memory grew by",
                "KiB per member", "one or more per member", "thread (or two) per member", "Selector");
    }

    @Test
    void aSelectorServerThatDropsPartialWritesIsCaught() {
        String dropsPartialWrites = Programs.patchedJavaSource("solutions/src/main/java/lab05/ChatServer.java",
                "lab05.ChatServer", "start += channel.write(view);",
                "channel.write(view);\n                start = end; // BUG: what write() did not take is lost", "{port}");
        GradingRun.assertCaught(Lab.LAB05, Role.SERVER, "lab 05's reference, forgetting what write() did not take",
                dropsPartialWrites, "aMemberThatStopsReadingNeverDelaysTheOthers", "may take only part");
    }

    @Test
    void theVirtualThreadVariantPassesTheFanOutAndStalledMemberTests() {
        Jdk21 jdk = Jdk21.orSkip("lab05.VirtualThreadChatServer");
        Path classes = jdk.compile(GradingRun.ROOT.resolve("solutions/src/main/java21"),
                GradingRun.ROOT.resolve("selftest/target/java21-reference-classes"));
        String command = jdk.java() + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp " + classes
                + " lab05.VirtualThreadChatServer {port}";
        GradingRun.of(Lab.LAB05, Role.SERVER).command(command).only(VIRTUAL_THREAD_TESTS).run().assertAllPassed();
    }

    @Test
    void aVirtualThreadServerHoldingAMonitorAroundBlockingWritesIsCaught() {
        Jdk21 jdk = Jdk21.orSkip("fixtures.lab05.PinningVirtualThreadServer");
        Path classes = jdk.compile(GradingRun.ROOT.resolve("selftest/src/test/java21"),
                GradingRun.ROOT.resolve("selftest/target/java21-fixture-classes"));
        String command = jdk.java() + " -cp " + classes + " fixtures.lab05.PinningVirtualThreadServer {port}";
        GradingRun.assertCaught(Lab.LAB05, Role.SERVER, "PinningVirtualThreadServer", command,
                "aMemberThatStopsReadingNeverDelaysTheOthers", "stops reading", "synchronized");
    }
}
