package socketlab.grader;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to cut a UTF-8 text so that each multi-byte character is split between two writes,
 * at a different byte each time: after the 1st byte of the first character, after the 2nd of
 * the next one that has three or more, after the 3rd of the next that has four. A program that
 * decodes each read on its own then damages every one of them.
 */
final class Utf8Cuts {
    private Utf8Cuts() {
    }

    /** Offsets (ascending) that each fall inside a multi-byte character of {@code bytes}. */
    static List<Integer> insideEachCharacter(byte[] bytes) {
        List<Integer> cuts = new ArrayList<>();
        int depth = 1;
        for (int i = 0; i < bytes.length; i++) {
            int length = sequenceLength(bytes[i]);
            if (length > depth) {
                cuts.add(i + depth);
                depth++;
            }
            i += Math.max(0, length - 1);
        }
        return cuts;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
}
