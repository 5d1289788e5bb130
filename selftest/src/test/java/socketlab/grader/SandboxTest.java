package socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's choices that need no particular machine: what none says, what a forced
 * layer that is missing says, the limits' messages, and the PATH a separate user gets.
 * (HostileProgramsTest proves each layer against real hostile programs.)
 */
class SandboxTest {
    @TempDir
    Path folder;

    @Test
    void offRunsTheCommandAsItIsAndSaysWhatIsNotProtected() {
        Sandbox off = SandboxChoice.choose(SandboxMode.OFF, folder);
        assertThat(off.name()).isEqualTo("none");
        assertThat(off.describe()).contains("-Dgrader.sandbox=off", "rewrite results.json", "leave out");
        assertThat(off.confine(List.of("python3", "x.py"), folder).command()).containsExactly("python3", "x.py");
    }

    @Test
    void noneSaysTheOneCommandThatWouldProtectTheRun() {
        assertThat(new NoSandbox(false).describe()).contains("apt-get install -y bubblewrap");
    }

    @Test
    void aLayerThatIsMissingIsNamedWithTheCommandThatInstallsIt() {
        assertThat(SandboxChoice.unavailable(SandboxMode.BUBBLEWRAP))
                .isEqualTo("bubblewrap not available: apt-get install -y bubblewrap");
        assertThat(SandboxChoice.unavailable(SandboxMode.USER)).startsWith("user not available: run the grader as root");
    }

    @Test
    void aBrokenLayerIsNotChosen() {
        Sandbox broken = new Sandbox() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String describe() {
                return "a layer whose every command fails";
            }

            @Override
            public Confinement confine(List<String> command, Path directory) {
                return Confinement.none(List.of("false"));
            }
        };
        assertThat(SandboxChoice.works(broken, folder)).isFalse();
    }

    @Test
    void theKitsFoldersUnderTmpAreShownAgainInsideThePrivateTmpAndNothingElseIs() throws Exception {
        Path kit = Files.createDirectories(folder.resolve("kit"));
        Path results = Files.createDirectories(kit.resolve("grader/target/grader"));
        Path submission = Files.createDirectories(folder.resolve("submission"));
        assertThat(TmpExposures.of(List.of(kit, submission, results, Path.of("/usr/lib")), kit))
                .as("outermost only, and only under /tmp").containsExactlyInAnyOrder(kit, submission);
        assertThat(TmpExposures.of(List.of(folder.resolve("missing")), Path.of("/usr"))).isEmpty();
    }

    /**
     * Inside the unshare layer, every mount a program can reach is read-only but its private
     * /tmp, and keeps its own nosuid, nodev and noexec: the table of mounts, read by the
     * program itself, says so (the last entry of a mount point is the one on top).
     */
    @Test
    void everyMountButThePrivateTmpIsReadOnlyInsideTheUnshareLayer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SandboxLayers.unavailable("unshare", folder).isEmpty(),
                "unshare is not available here");
        Confinement confinement = new UnshareSandbox(ProgramLimits.DEFAULT, java.util.Optional.empty(), List.of())
                .confine(List.of("cat", "/proc/self/mountinfo"), folder);
        ProcessBuilder builder = new ProcessBuilder(confinement.command()).directory(folder.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(confinement.environment());
        Process process = builder.start();
        String table = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        java.util.Map<String, String> top = new java.util.LinkedHashMap<>();
        table.lines().map(line -> line.split(" ")).filter(fields -> fields.length > 5)
                .forEach(fields -> top.put(fields[4], fields[5]));
        assertThat(top).as("the mounts the program sees:%n%s", table).containsKey("/").containsKey("/tmp");
        top.forEach((mount, options) -> {
            List<String> flags = List.of(options.split(","));
            if (mount.equals("/tmp")) {
                assertThat(flags).as("the private /tmp").contains("rw", "nosuid", "nodev");
            } else {
                assertThat(flags).as("%s, in:%n%s", mount, table).contains("ro").doesNotContain("rw");
            }
        });
        assertThat(List.of(top.get("/proc").split(","))).as("/proc keeps its own flags")
                .contains("nosuid", "nodev", "noexec");
    }

    @Test
    void aForkBombAndAMemoryHogAreToldWhatLimitTheyHit() {
        ProgramLimits limits = ProgramLimits.DEFAULT;
        assertThat(limits.breach(true, false, List.of())).get().asString()
                .startsWith("Your program started more than 4096 processes");
        assertThat(limits.breach(false, true, List.of("sh: 1: Cannot fork"))).get().asString()
                .contains("more than 4096 processes");
        assertThat(limits.breach(false, false, List.of("sh: 1: Cannot fork"))).as("no cap, so not its doing").isEmpty();
        assertThat(limits.breach(false, true, List.of("MemoryError"))).get().asString()
                .startsWith("Your program used more than 4 GiB of memory");
        assertThat(limits.breach(false, true, List.of("hello"))).isEmpty();
        assertThat(Confinement.none(List.of("x")).breach(List.of("MemoryError"))).as("no sandbox, no limit").isEmpty();
    }

    @Test
    void aSeparateUserGetsOnlyThePathFoldersItCanReach() throws Exception {
        Path closed = Files.createDirectories(folder.resolve("closed/bin"));
        Files.setPosixFilePermissions(folder.resolve("closed"), PosixFilePermissions.fromString("rwx------"));
        Path open = Files.createDirectories(folder.resolve("open/bin"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = SeparateUserSandbox.reachablePath(closed + "::" + open + ":" + open);
        assertThat(path).doesNotContain(closed.toString()).contains(open.toString()).doesNotContain("::");
    }
}
