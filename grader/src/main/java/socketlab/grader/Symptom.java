package socketlab.grader;

/**
 * What the grader saw when an expectation failed, as a type: the engine and the labs decide
 * on it (is this the server that never flushes? a client that could not connect?), never on
 * the words of a failure message, which are free to change.
 */
public enum Symptom {
    /** Nothing at all arrived where a line was due. */
    NOTHING_RECEIVED,
    /** A line arrived without its {@code \n}, and no more came. */
    NO_NEWLINE,
    /** A line arrived, but not the one due. */
    WRONG_LINE,
    /** A line arrived that was due to another peer. */
    CROSS_TALK,
    /** Something arrived where nothing was due. */
    UNEXPECTED_DATA,
    /** The program closed or reset the connection where a line was due. */
    CONNECTION_ENDED,
    /** The program kept a connection open that it had to close. */
    STAYED_OPEN,
    /** A connection to the program timed out: it was not accepted. */
    CONNECT_TIMED_OUT,
    /** A connection to the program was refused or failed. */
    CONNECT_FAILED,
    /** The grader could not send: the program had closed or reset the connection. */
    SEND_FAILED,
    /** The grader could not send for a whole wait: the program stopped reading. */
    SEND_STALLED,
    /** The program sent more than the grader keeps without the line due. */
    FLOODED,
    /** The program exited where it had to keep running, or kept running where it had to exit. */
    WRONG_EXIT,
    /** The program printed, or failed to print, something on its own stdout or stderr. */
    OUTPUT,
    /** The same cause as an earlier failure of the role, which already reported it in full. */
    SAME_CAUSE,
    /** Anything else. */
    OTHER
}
