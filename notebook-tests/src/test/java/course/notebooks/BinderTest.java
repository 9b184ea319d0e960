package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * binder/postBuild, run as Binder runs it: a fresh HOME, no Jupyter variables of ours. It must install
 * the kernel 'java' where that HOME's Jupyter looks, and that kernel must run a course notebook.
 */
class BinderTest {

    @Test
    void postBuildInstallsTheKernelForAFreshHomeAndItRunsANotebook(@TempDir Path home) throws Exception {
        Map<String, String> binderEnv = new HashMap<>();
        binderEnv.put("HOME", home.toString());
        for (String v : List.of("JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_PATH",
                "COURSE_JUPYTER_DATA_DIR")) {
            binderEnv.put(v, null);
        }
        binderEnv.put("COURSE_PYTHON", Scripts.python());

        Scripts.Result postBuild = Scripts.run(10, binderEnv, List.of("bash", "binder/postBuild"));
        assertEquals(0, postBuild.exitCode(), postBuild.output());
        Path spec = home.resolve(".local/share/jupyter/kernels/java/kernel.json");
        assertTrue(Files.isRegularFile(spec), "postBuild did not install " + spec + ":\n" + postBuild.output());
        assertTrue(Files.readString(spec).contains("course-kernel.jar"), Files.readString(spec));

        binderEnv.put("COURSE_EXECUTED_DIR", home.resolve("executed").toString());
        Scripts.Result run = Scripts.run(5, binderEnv, List.of(Scripts.python(),
                Scripts.ROOT.resolve("notebook-tests/run_notebook.py").toString(), "notebooks/00_目录.ipynb"));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Files.isRegularFile(home.resolve("executed/00_目录.ipynb")), run.output());
    }
}
