package socketlab.grader;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five labs of the kit, with the names that tie a handout, its starter code, the
 * reference solution and the graded tests together (see CONTRIBUTING.md). The graded test
 * classes carry the lab's tag ({@code lab01} ...), and the grader finds everything else here.
 */
public enum Lab {
    LAB01("lab01", "lab01-echo", "Echo", "EchoServer", "EchoClient", 4001),
    /** Lab 02 has no client of its own: students keep lab 01's. */
    LAB02("lab02", "lab02-multiclient", "Many clients at once", "EchoServer", null, 4002),
    LAB03("lab03", "lab03-broadcast", "Broadcast chat room", "ChatServer", "ChatClient", 4003),
    LAB04("lab04", "lab04-nicknames", "Chat with nicknames", "ChatServer", "ChatClient", 4004),
    /** Lab 05 rebuilds lab 04's server to scale; its client is lab 04's, unchanged (SPEC §7). */
    LAB05("lab05", "lab05-scale", "Ten thousand members", "ChatServer", null, 4005);

    private final String tag;
    private final String module;
    private final String title;
    private final String serverClass;
    private final String clientClass;
    private final int defaultPort;

    Lab(String tag, String module, String title, String serverClass, String clientClass, int defaultPort) {
        this.tag = tag;
        this.module = module;
        this.title = title;
        this.serverClass = serverClass;
        this.clientClass = clientClass;
        this.defaultPort = defaultPort;
    }

    /** The JUnit tag and Java package of this lab, e.g. {@code lab01}. */
    public String tag() {
        return tag;
    }

    /** The Maven module (folder) of this lab, e.g. {@code lab01-echo}. */
    public String module() {
        return module;
    }

    String title() {
        return title;
    }

    /** The handout, as a path a student can open from the root of the checkout. */
    public String handout() {
        return module + "/README.md";
    }

    /** The port the handout tells students to use when they run the program by hand. */
    int defaultPort() {
        return defaultPort;
    }

    /** The roles this lab grades: both, except labs 02 and 05 (a server only: they keep an earlier lab's client). */
    public java.util.List<Role> roles() {
        return clientClass == null ? java.util.List.of(Role.SERVER) : java.util.List.of(Role.SERVER, Role.CLIENT);
    }

    /** The fully qualified main class of a role, e.g. {@code lab01.EchoServer}. */
    String mainClass(Role role) {
        if (!roles().contains(role)) {
            throw new IllegalArgumentException(tag + " has no " + role.tag() + " role");
        }
        return tag + "." + (role == Role.SERVER ? serverClass : clientClass);
    }

    /** The source file a student edits for a role, from the root of the checkout. */
    String sourceFile(Role role) {
        return module + "/src/main/java/" + mainClass(role).replace('.', '/') + ".java";
    }

    /** Every lab's tag, for messages: "lab01, lab02, lab03, lab04, lab05". */
    static String tags() {
        return Arrays.stream(values()).map(Lab::tag).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The lab a test belongs to, from its JUnit tags: the one place where tags become a lab. */
    static Optional<Lab> fromTags(java.util.Collection<String> tags) {
        return tags.stream().map(Lab::byTag).flatMap(Optional::stream).findFirst();
    }

    static Optional<Lab> byTag(String tag) {
        return Arrays.stream(values()).filter(lab -> lab.tag.equals(tag)).findFirst();
    }
}
