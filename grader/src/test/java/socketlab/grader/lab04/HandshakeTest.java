package socketlab.grader.lab04;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import socketlab.grader.GraderTest;

/** Lab 04, the server's handshake (SPEC §5): the tests of {@link HandshakeBehaviour}. */
@GraderTest
@Tag("lab04")
@Tag("server")
@DisplayName("lab04 server: the nickname handshake")
class HandshakeTest extends HandshakeBehaviour {
}
