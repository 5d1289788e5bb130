package socketlab.grader;

/**
 * How far a student's work got, as a failed test found it: the class grading counts a lab
 * with no sources, one that does not compile and a starter's stub as "not started", apart from
 * the failures of programs that ran. Set where the failure is found, never read off its words.
 */
enum WorkStage {
    /** No sources of the lab where the grader looked. */
    NO_SOURCES,
    /** The lab's sources do not compile. */
    DOES_NOT_COMPILE,
    /** The program stopped on a starter's "step N of the handout" stub. */
    NOT_IMPLEMENTED,
    /** The program ran (or the run itself was set up wrong): its failure is about what it did. */
    RAN;

    /** A stage at which the student has not started the work the test checks. */
    boolean unstarted() {
        return this != RAN;
    }
}
