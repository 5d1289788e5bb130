package socketlab.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One student's folder in a class: where its labs are, or in one sentence why it cannot be
 * graded. Two shapes are graded as they are: a checkout of the kit, or just its lab folders
 * ({@code lab01-echo/src/main/java/...}), as {@code gh classroom clone student-repos} or an
 * unzipped LMS export lays them out, also when they sit one folder deeper
 * ({@code alice/socket-lab-kit-main/lab01-echo}).
 *
 * @param name    the student, as the folder is named
 * @param folder  the student's folder
 * @param target  the folder holding the lab folders, when found
 * @param problem why it cannot be graded, when {@code target} is empty
 */
record Submission(String name, Path folder, Optional<Path> target, Optional<String> problem) {
    /** Deeper than this a submission is not searched: enough for a zip's wrapping folder. */
    private static final int SEARCH_DEPTH = 2;
    private static final long MAX_SOURCE_BYTES = 8L << 20;

    /** Every sub-folder of {@code classFolder}, sorted by name, hidden ones and {@code exclude} left out. */
    static List<Submission> findAll(Path classFolder, Path exclude) {
        try (Stream<Path> children = Files.list(classFolder)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> exclude == null || !p.toAbsolutePath().normalize().equals(exclude.toAbsolutePath().normalize()))
                    .sorted()
                    .map(Submission::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Submission of(Path folder) {
        String name = folder.getFileName().toString();
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            return new Submission(name, folder, Optional.empty(), Optional.of("the folder cannot be read (check its"
                    + " permissions)."));
        }
        Optional<Path> target = findLabs(folder, SEARCH_DEPTH);
        if (target.isPresent()) {
            return new Submission(name, folder, target, Optional.empty());
        }
        return new Submission(name, folder, Optional.empty(), Optional.of("found no lab folder in it (expected "
                + Lab.LAB01.module() + "/src/main/java and the like, as in the kit, at its top or up to two folders down; it"
                + " holds " + listing(folder) + ")."));
    }

    /** The shallowest folder that holds at least one lab's sources; at one depth, only if it is the only one. */
    private static Optional<Path> findLabs(Path folder, int depth) {
        if (hasLabs(folder)) {
            return Optional.of(folder);
        }
        if (depth == 0) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                findLabs(child, depth - 1).ifPresent(found::add);
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static boolean hasLabs(Path folder) {
        for (Lab lab : Lab.values()) {
            if (sources(folder, lab).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A lab's sources in a checkout ({@code lab01-echo/src/main/java}) or a module ({@code src/main/java/lab01}). */
    static Optional<Path> sources(Path folder, Lab lab) {
        Path inCheckout = folder.resolve(lab.module()).resolve("src/main/java");
        if (Files.isDirectory(inCheckout)) {
            return Optional.of(inCheckout);
        }
        Path inModule = folder.resolve("src/main/java").resolve(lab.tag());
        return Files.isDirectory(inModule) ? Optional.of(inModule) : Optional.empty();
    }

    private static String listing(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            List<String> names = children.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
            if (names.isEmpty()) {
                return "nothing";
            }
            return String.join(", ", names.subList(0, Math.min(6, names.size()))) + (names.size() > 6 ? ", ..." : "");
        } catch (IOException e) {
            return "files that cannot be listed";
        }
    }

    /**
     * A fingerprint of what grading this submission depends on: the sources of the labs asked
     * for (paths and bytes) and the options. A submission whose fingerprint has not changed
     * since its last grading is not graded again.
     */
    String fingerprint(List<Lab> labs, String options) {
        MessageDigest digest = sha256();
        digest.update(options.getBytes(StandardCharsets.UTF_8));
        if (target.isEmpty()) {
            digest.update(problem.orElse("").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        }
        for (Lab lab : labs) {
            digest.update(("\0lab " + lab.tag() + "\0").getBytes(StandardCharsets.UTF_8));
            Optional<Path> found = sources(target.get(), lab);
            if (found.isEmpty()) {
                continue;
            }
            Path sources = found.get();
            try (Stream<Path> walk = Files.walk(sources)) {
                long total = 0;
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    digest.update(sources.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    long size = Files.size(file);
                    total += size;
                    if (total > MAX_SOURCE_BYTES) {
                        digest.update(Long.toString(Files.getLastModifiedTime(file).toMillis()).getBytes(StandardCharsets.UTF_8));
                        continue;
                    }
                    digest.update(Files.readAllBytes(file));
                }
            } catch (IOException | UncheckedIOException e) {
                digest.update(("unreadable " + e).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
