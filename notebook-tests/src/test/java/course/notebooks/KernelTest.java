package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The installed kernel, driven the way Jupyter drives it (kernel_check.py, jupyter_client). */
@Order(2)
class KernelTest {

    /**
     * rapaio-jupyter-kernel 3.0.1 has two start-up races that leave the shell channel dead (7 of 57
     * starts hung; under load 2 of 50 more after the first fix); with the fixed LoopThread none.
     */
    @Test
    void fiftyStartsInARowAllAnswer() throws Exception {
        Scripts.Result r = Scripts.run(10, "kernel_check.py", "starts", "50");
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    /**
     * Kernel → Interrupt on a cell that waits, one that spins and one that swallows the interrupt, on every JDK
     * tested (Thread.stop exists up to Java 19 only): each cell
     * ends as interrupted, says so in Chinese when its code had to be stopped or still runs, and the next
     * cells run. rapaio-jupyter-kernel 3.0.1 answered the interrupt in the cell's name, so the cell never
     * ended for Jupyter, and then shut its executor down, so no later cell ran.
     */
    @ParameterizedTest(name = "Java {0}")
    @MethodSource("course.notebooks.Scripts#jdks")
    void interruptEndsTheCellAndTheNextCellsRun(String jdk) throws Exception {
        Scripts.Result r = Scripts.run(5, "kernel_check.py", "--jdk", jdk, "interrupts");
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }
}
