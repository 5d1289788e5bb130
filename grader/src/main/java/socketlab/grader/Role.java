package socketlab.grader;

import java.util.Arrays;
import java.util.Optional;

/** The two sides of a lab: the grader plays the other one. Also a JUnit tag. */
public enum Role {
    SERVER("server"),
    CLIENT("client");

    private final String tag;

    Role(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The role a test grades, from its JUnit tags. */
    static Optional<Role> fromTags(java.util.Collection<String> tags) {
        return tags.stream().map(Role::byTag).flatMap(Optional::stream).findFirst();
    }

    static Optional<Role> byTag(String tag) {
        return Arrays.stream(values()).filter(role -> role.tag.equals(tag)).findFirst();
    }
}
