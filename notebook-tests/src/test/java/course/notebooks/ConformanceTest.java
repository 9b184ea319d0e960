package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jupyter's kernel conformance suite against the installed kernel (kernel_conformance.py), with no other test class
 * running meanwhile (@Isolated): the suite waits only 0.1 s for each output message after a cell's reply, which a
 * kernel on a busy machine can miss.
 */
@Order(2)
@Isolated
class ConformanceTest {

    /**
     * Jupyter's kernel conformance suite, jupyter_kernel_test, all green on every JDK tested (3.0.1: 7 of 12; it
     * never answered history_request, its kernel_info lacked status, is_complete never said invalid, inspect found
     * nothing, no clear_output).
     */
    @ParameterizedTest(name = "Java {0}")
    @MethodSource("course.notebooks.Scripts#jdks")
    void jupyterKernelTestPasses(String jdk) throws Exception {
        Scripts.Result r = Scripts.run(5, "kernel_conformance.py", "--jdk", jdk);
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }
}
