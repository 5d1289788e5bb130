package socketlab.grader.lab04;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import socketlab.grader.GraderTest;

/** Lab 04, leaving (SPEC §5): the tests of {@link LeavingBehaviour}. */
@GraderTest
@Tag("lab04")
@Tag("server")
@DisplayName("lab04 server: leaving")
class LeavingTest extends LeavingBehaviour {
}
