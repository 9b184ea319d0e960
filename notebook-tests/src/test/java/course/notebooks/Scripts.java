package course.notebooks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the Python scripts of notebook-tests/ with the Python that ./course found. */
final class Scripts {

    static final Path ROOT = Path.of(System.getProperty("course.root", "..")).toAbsolutePath().normalize();

    /** What a script printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
    }

    private Scripts() {
    }

    /**
     * The JDKs ./course test installed a kernel for (build/jupyter/jdk-MAJOR), oldest first: Java 17 and the
     * newest found. Without ./course test, the list is empty and the tests that need a kernel are skipped.
     */
    static List<String> jdks() {
        python();
        List<String> jdks = List.of(System.getProperty("course.jdks", "").trim().split("\\s+"));
        assumeTrue(!jdks.get(0).isEmpty(), "no JDKs given (-Dcourse.jdks): these tests run through ./course test");
        return jdks;
    }

    /** Where run_notebook.py keeps the copies it executed on that JDK (see NotebookTest). */
    static Path executedDir(String jdk) {
        List<String> jdks = jdks();
        return jdk.equals(jdks.get(jdks.size() - 1)) ? SiteTest.EXECUTED : ROOT.resolve("build").resolve("executed-java" + jdk);
    }

    static String python() {
        String python = System.getProperty("course.python", "");
        assumeTrue(!python.isBlank(), "these tests run through ./course test (it installs the kernel first)");
        return python;
    }

    /** Runs notebook-tests/SCRIPT with ARGS; kills it and its children after the time limit. */
    static Result run(long limitMinutes, String script, String... args) throws IOException, InterruptedException {
        return run(limitMinutes, Map.of(), script, args);
    }

    /** Runs notebook-tests/SCRIPT with ARGS and changes to the environment (see below). */
    static Result run(long limitMinutes, Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python(), ROOT.resolve("notebook-tests").resolve(script).toString()));
        command.addAll(List.of(args));
        return run(limitMinutes, env, command);
    }

    /**
     * Runs a command in the project folder with changes to the environment (a null value removes a
     * variable); kills it and its children after the time limit.
     */
    static Result run(long limitMinutes, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        String script = String.join(" ", command);
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("COURSE_ROOT", ROOT.toString());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path log = Files.createTempFile("course-script", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(limitMinutes, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(script + " did not finish in "
                        + limitMinutes + " minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
