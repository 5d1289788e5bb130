package socketlab.grader.lab01;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import socketlab.grader.GraderTest;

/** Lab 01, the server: one client at a time, every line echoed (SPEC §1-2). */
@GraderTest
@Tag("lab01")
@Tag("server")
@DisplayName("lab01 echo server")
class EchoServerTest extends EchoServerBehaviour {
}
