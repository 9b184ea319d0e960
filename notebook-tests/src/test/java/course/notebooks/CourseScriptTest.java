package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code course} script's own parts that need no kernel: its help, its build stamp, its choice of JDK. */
class CourseScriptTest {

    static final Path COURSE = Scripts.ROOT.resolve("course");

    /** The comment block at the top of the script (after the #! line), without the leading "# ". */
    static String header() throws Exception {
        return Files.readAllLines(COURSE).stream().skip(1).takeWhile(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^# ?", "")).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void helpIsTheHeaderAndAnUnknownCommandPrintsItAndFails() throws Exception {
        Scripts.Result help = Scripts.run(1, Map.of(), List.of("bash", COURSE.toString(), "help"));
        assertEquals(0, help.exitCode(), help.output());
        assertEquals(header(), help.output());
        assertTrue(help.output().contains("./course test"), help.output());

        Scripts.Result bad = Scripts.run(1, Map.of(), List.of("bash", COURSE.toString(), "no-such-command"));
        assertEquals(2, bad.exitCode(), bad.output());
        assertEquals(header(), bad.output());
    }

    @Test
    void buildStampSeesEveryFileWhateverItsNameAndChangesWithContentAndName(@TempDir Path tree) throws Exception {
        Path odd = tree.resolve("lib/src/main/java/a b/it's \"odd\".java");
        Files.createDirectories(odd.getParent());
        Files.createDirectories(tree.resolve("kernel/src/main"));
        for (String pom : List.of("pom.xml", "lib/pom.xml", "kernel/pom.xml")) {
            Files.writeString(tree.resolve(pom), "<project/>");
        }
        Files.writeString(odd, "class A {}");
        String first = stamp(tree);
        assertEquals(first, stamp(tree), "the same tree must give the same stamp");
        Files.writeString(odd, "class B {}");
        String edited = stamp(tree);
        assertNotEquals(first, edited, "a changed file with spaces and quotes in its name must change the stamp");
        Files.move(odd, odd.resolveSibling("renamed.java"));
        assertNotEquals(edited, stamp(tree), "a renamed file must change the stamp");
    }

    private static String stamp(Path tree) throws Exception {
        Scripts.Result r = Scripts.run(1, Map.of("TREE", tree.toString()),
                source("cd \"$TREE\" && sources_stamp"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().matches("[0-9a-f]{40}\n"), "not one checksum: " + r.output());
        return r.output();
    }

    @Test
    void javaHomePicksTheJdkWhenItIsAJdk17OrNewerAndIsRefusedOtherwise(@TempDir Path dir) throws Exception {
        Path jdk21 = fakeJdk(dir.resolve("jdk 21"), "21.0.4");
        Path jdk11 = fakeJdk(dir.resolve("jdk-11"), "11.0.2");
        Path jdk8 = fakeJdk(dir.resolve("jdk8"), "1.8.0_392");

        Scripts.Result picked = findJava(jdk21);
        assertEquals(0, picked.exitCode(), picked.output());
        assertEquals(jdk21.toRealPath() + "\n", picked.output());
        for (Path old : List.of(jdk11, jdk8)) {
            Scripts.Result refused = findJava(old);
            assertEquals(1, refused.exitCode(), old + " is older than 17 and must not be picked: " + refused.output());
        }
        Scripts.Result major = Scripts.run(1, Map.of("JDK", jdk8.toString()), source("jdk_major \"$JDK\""));
        assertEquals("8\n", major.output());
    }

    private static Scripts.Result findJava(Path javaHome) throws Exception {
        return Scripts.run(1, Map.of("JAVA_HOME", javaHome.toString()),
                source("find_java"));
    }

    /** A bash command line that sources the script (which then only defines its functions) and runs {@code script}. */
    private static List<String> source(String script) {
        return List.of("bash", "-c", "source \"$1\" && " + script, "bash", COURSE.toString());
    }

    /** A folder that looks like a JDK of that version: a release file and java, javac, jshell that do nothing. */
    private static Path fakeJdk(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        for (String tool : List.of("java", "javac", "jshell")) {
            Path p = home.resolve("bin").resolve(tool);
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }
}
