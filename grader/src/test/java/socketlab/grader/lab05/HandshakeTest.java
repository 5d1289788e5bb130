package socketlab.grader.lab05;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import socketlab.grader.GraderTest;
import socketlab.grader.lab04.HandshakeBehaviour;

/**
 * Lab 05 keeps lab 04's protocol unchanged on the wire (SPEC §7: "the protocol of lab 04"):
 * the tests of {@link HandshakeBehaviour}, inherited, graded again under lab 05's tags.
 */
@GraderTest
@Tag("lab05")
@Tag("server")
@DisplayName("lab05 server: the nickname handshake, as in lab 04")
class HandshakeTest extends HandshakeBehaviour {
}
