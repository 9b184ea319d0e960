package course.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rapaio.jupyter.kernel.message.MessageId;

/**
 * Which cell the output of the running thread belongs to.
 *
 * <p>Jupyter shows an output in the cell whose request the message names as its parent. The kernel used
 * to name the cell that runs now, so a thread that printed after its cell had ended wrote into whatever
 * cell ran then, or nowhere. Here every output goes to the cell the code that prints belongs to:
 * <ol>
 *   <li>on the kernel's cell thread: the cell it runs;</li>
 *   <li>on a pool's worker thread (ThreadPoolExecutor, ForkJoinPool, the common pool of parallel streams and
 *       CompletableFuture): the cell whose code the task is, known from the stack (the outermost frame of a
 *       class JShell compiled for a cell), so a pool made in one cell and used in a later one prints into the later;</li>
 *   <li>on any other thread: the cell that was running when the thread was created (an inheritable thread
 *       local, set on the cell thread and copied into every thread it creates, and into the threads those create);</li>
 *   <li>otherwise the cell whose code is on the stack, else the cell running now, else none (the kernel's console).</li>
 * </ol>
 *
 * <p>单元格的输出属于哪个单元格：一个线程在它的单元格结束以后才打印，输出仍然出现在启动它的那个单元格里
 * （线程池的任务：出现在提交任务的代码所在的单元格里）。
 *
 * <p>Thread-safe.
 */
public final class Cells {

    /** One execute request: its message id (the parent of its outputs) and its execution count. */
    public record Cell(MessageId<?> request, int count) {
    }

    /** JShell puts the code of each snippet into a class REPL.$JShell$N (nested classes: REPL.$JShell$N$Name). */
    private static final Pattern SNIPPET_CLASS = Pattern.compile("^(REPL\\.\\$JShell\\$\\d+)");
    private static final int REMEMBERED_DISPLAYS = 10_000;
    /** The JDK classes at the bottom of a pool worker's stack. */
    private static final List<String> POOL_RUNNERS = List.of("java.util.concurrent.ThreadPoolExecutor$Worker",
            "java.util.concurrent.ForkJoinWorkerThread");

    private static final InheritableThreadLocal<Cell> ORIGIN = new InheritableThreadLocal<>();
    private static final Map<String, Cell> BY_CLASS = new ConcurrentHashMap<>();
    private static final Map<String, Cell> BY_DISPLAY = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cell> eldest) {
            return size() > REMEMBERED_DISPLAYS;
        }
    });
    private static volatile Cell running;

    private Cells() {
    }

    /** The kernel starts executing a cell. */
    public static void started(Cell cell) {
        running = cell;
    }

    /** The cell's execute_reply is about to go out: output from now on is late output. */
    public static void ended(Cell cell) {
        if (running == cell) {
            running = null;
        }
    }

    /** The cell being executed, or null when the kernel is idle. */
    public static Cell running() {
        return running;
    }

    /** On the kernel's cell thread, before each snippet: the threads it creates belong to the running cell. */
    public static void enterRunningCell() {
        ORIGIN.set(running);
    }

    /** JShell loads a class it compiled for the running cell. */
    public static void classLoaded(String className) {
        Cell cell = running;
        Matcher m = SNIPPET_CLASS.matcher(className);
        if (cell != null && m.find()) {
            BY_CLASS.put(m.group(1), cell);
        }
    }

    /** A display with this id was shown in {@code cell}: updates of it go there. */
    public static void displayed(String displayId, Cell cell) {
        BY_DISPLAY.put(displayId, cell);
    }

    /** The cell that showed the display with this id, or null. */
    public static Cell ofDisplay(String displayId) {
        return BY_DISPLAY.get(displayId);
    }

    /** The cell the current thread's output belongs to (see the class doc), or null for the kernel's console. */
    public static Cell owner() {
        Thread t = Thread.currentThread();
        Cell origin = ORIGIN.get();
        if (KernelThreads.owns(t)) {
            return origin != null ? origin : running;
        }
        Stack stack = StackWalker.getInstance().walk(Cells::scan);
        if (stack.poolWorker() && stack.snippetCell() != null) {
            return stack.snippetCell();
        }
        if (origin != null && !inCommonPool(t)) {
            return origin;
        }
        return stack.snippetCell() != null ? stack.snippetCell() : running;
    }

    /** What the owner rule needs from a stack: the cell of its outermost snippet frame, and whether a pool runs it. */
    private record Stack(Cell snippetCell, boolean poolWorker) {
    }

    private static Stack scan(Stream<StackWalker.StackFrame> frames) {
        Cell outermost = null;
        boolean pool = false;
        for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            String name = f.getClassName();
            if (name.startsWith("REPL.")) {
                Matcher m = SNIPPET_CLASS.matcher(name);
                Cell c = m.find() ? BY_CLASS.get(m.group(1)) : null;
                outermost = c != null ? c : outermost;
            } else if (POOL_RUNNERS.contains(name)) {
                pool = true;
            }
        }
        return new Stack(outermost, pool);
    }

    private static boolean inCommonPool(Thread t) {
        return t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool();
    }
}
