package socketlab.grader;

/**
 * A failed expectation, said the way a student needs it: a headline in plain words, what
 * was expected and what came instead (both rendered with {@link Visible}), and a hint that
 * names the likely bug. The grader's JUnit extension adds the transcript, the program's
 * output and a replay command before the student sees it.
 */
public final class GradingFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String headline;
    private final String expected;
    private final String actual;
    private final String hint;
    private final Symptom symptom;

    private GradingFailure(String headline, String expected, String actual, String hint, Symptom symptom) {
        super(compose(headline, expected, actual, hint));
        this.symptom = symptom;
        this.headline = headline;
        this.expected = expected;
        this.actual = actual;
        this.hint = hint;
    }

    /** Starts a failure with its headline, e.g. "Your server did not echo the line back". */
    public static Builder because(String headline) {
        return new Builder(headline.isEmpty() ? headline : Character.toUpperCase(headline.charAt(0)) + headline.substring(1));
    }

    String headline() {
        return headline;
    }

    /** The headline, the expected/actual pair and the hint, without the test's context. */
    String summary() {
        return getMessage();
    }

    String hint() {
        return hint;
    }

    /** What the grader saw, as a type: decisions read this, never the words. */
    public Symptom symptom() {
        return symptom;
    }

    /** The same failure with another hint: a rule that knows the cause better (e.g. from stderr) gives it. */
    GradingFailure withHint(String better) {
        GradingFailure failure = new GradingFailure(headline, expected, actual, better, symptom);
        failure.setStackTrace(getStackTrace());
        return failure;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    private static String compose(String headline, String expected, String actual, String hint) {
        StringBuilder out = new StringBuilder(headline);
        if (expected != null || actual != null) {
            out.append("\n");
        }
        if (expected != null) {
            out.append("\n  expected: ").append(expected);
        }
        if (actual != null) {
            out.append("\n  but got:  ").append(actual);
            if (actual.contains("\uFFFD")) {
                out.append("\n  (\uFFFD marks bytes that were not valid UTF-8 where they were decoded)");
            }
        }
        if (hint != null) {
            out.append("\n\nHint: ").append(hint);
        }
        return out.toString();
    }

    /** Collects the parts of a failure; {@link #build()} makes the error to throw. */
    public static final class Builder {
        private final String headline;
        private String expected;
        private String actual;
        private String hint;
        private Symptom symptom = Symptom.OTHER;

        private Builder(String headline) {
            this.headline = headline;
        }

        /** What should have happened, already rendered (see {@link Visible}). */
        public Builder expected(String rendered) {
            this.expected = rendered;
            return this;
        }

        /** What happened instead, already rendered. */
        public Builder actual(String rendered) {
            this.actual = rendered;
            return this;
        }

        /** The likely bug and how to fix it, in a sentence or two. */
        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        /** What the grader saw (default {@link Symptom#OTHER}). */
        public Builder symptom(Symptom symptom) {
            this.symptom = symptom;
            return this;
        }

        public GradingFailure build() {
            return new GradingFailure(headline, expected, actual, hint, symptom);
        }
    }
}
