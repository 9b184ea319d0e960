package course.kernel;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * How the kernel ends: never silently under a running cell, and not later than the Jupyter process that
 * started it.
 *
 * <ul>
 *   <li>Last words: when the JVM exits while a cell runs (code that {@link ExitGuard} could not rewrite called
 *       {@code System.exit}, or the process got a signal), the cell is told in Chinese before the kernel dies.</li>
 *   <li>Orphan: jupyter_client names its own process in {@code JPY_PARENT_PID} when it starts a kernel. When that
 *       process is gone (the notebook server or nbclient crashed or was killed), nobody can reach or stop this
 *       kernel any more, so it exits (a {@code halt} after {@link #ORPHAN_EXIT_MILLIS} if shutdown hooks hang).</li>
 * </ul>
 *
 * <p>内核不会在单元格运行时一声不响地退出；启动它的 Jupyter 进程没了，内核也会自己退出。
 *
 * <p>Thread-safe: {@link #watchJupyter} and {@link #sayLastWords} are called once, at kernel start.
 */
public final class KernelExit {

    private static final Logger LOGGER = Logger.getLogger(KernelExit.class.getSimpleName());
    static final long ORPHAN_EXIT_MILLIS = 5000;
    /** How long the last words get to leave the process before the JVM goes on exiting. */
    private static final long LAST_WORDS_MILLIS = 300;

    private static volatile boolean requested;

    private KernelExit() {
    }

    /** Jupyter asked the kernel to shut down (or restart): no last words then. */
    public static void requested() {
        requested = true;
    }

    /** From now on, when the JVM exits while a cell runs, the cell is told first. */
    public static void sayLastWords(CellStream.Sender sender) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> lastWords(sender), "course-kernel-last-words"));
    }

    /**
     * When Jupyter named its process (JPY_PARENT_PID), exits once that process is gone, or at once when it is gone
     * already (it was killed while the kernel started). Called first thing at kernel start.
     */
    public static void watchJupyter() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> jupyter = ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        if (jupyter.isEmpty()) {
            orphaned(pid);
        } else {
            jupyter.get().onExit().thenRun(() -> orphaned(pid));
        }
    }

    private static void orphaned(String pid) {
        LOGGER.warning("the Jupyter process " + pid + " that started this kernel is gone: the kernel exits");
        Thread halt = new Thread(() -> {
            sleep(ORPHAN_EXIT_MILLIS);
            Runtime.getRuntime().halt(1);
        }, "course-kernel-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }

    private static void lastWords(CellStream.Sender sender) {
        Cells.Cell cell = Cells.running();
        if (cell == null || requested) {
            return;
        }
        sender.send(cell, true, "\n内核正在退出：有代码结束了内核的 JVM（例如一个库调用了 System.exit，或者进程收到了结束信号）。"
                + "这个单元格和之后的单元格不会再有结果：请重启内核（Kernel → Restart），然后从头运行笔记本。\n");
        sleep(LAST_WORDS_MILLIS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
