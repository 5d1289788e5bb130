package socketlab.selftest;

import socketlab.grader.GraderConfig;
import socketlab.grader.Lab;
import socketlab.grader.Role;

/**
 * Grades lab 01's first server test against a command (in the sandbox mode and with the
 * timeout scale given as second and third arguments, if any), in a JVM of its own, so that a self-test can stop that JVM in
 * the middle of the test as Ctrl-C or a CI timeout would.
 */
public final class GradeInAnotherJvm {
    private GradeInAnotherJvm() {
    }

    public static void main(String[] args) {
        GradingRun run = GradingRun.of(Lab.LAB01, Role.SERVER).command(args[0]).only("echoesALine");
        if (args.length > 1) {
            run.option(GraderConfig.SANDBOX, args[1]);
        }
        if (args.length > 2) {
            run.option(GraderConfig.TIMEOUT_SCALE, args[2]);
        }
        run.run();
    }
}
