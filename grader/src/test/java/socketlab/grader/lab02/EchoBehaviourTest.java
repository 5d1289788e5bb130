package socketlab.grader.lab02;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import socketlab.grader.GraderTest;
import socketlab.grader.lab01.EchoServerBehaviour;

/**
 * Lab 02 keeps every wire rule of lab 01 (SPEC §3: "the wire behaviour of lab 01"): the
 * same tests, inherited, graded again under lab 02's tags.
 */
@GraderTest
@Tag("lab02")
@Tag("server")
@DisplayName("lab02 echo server, lab 01's rules")
class EchoBehaviourTest extends EchoServerBehaviour {
}
