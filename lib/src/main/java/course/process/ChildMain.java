package course.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The entry point of every child JVM started by {@link ChildJvm}: watches the parent, then runs
 * the real main class.
 *
 * <p>每个子 JVM 先从这里启动：它开一个守护线程盯着父进程（parent process）的 pid，
 * 父进程一旦消失（哪怕是被 {@code kill -9} 杀掉、来不及清理），子进程也马上自己退出，
 * 不会变成没人管的"孤儿进程"（orphan process）。然后它再调用真正的 {@code main} 方法。
 *
 * <p>Command line: {@code ChildMain <parentPid> <mainClass> [args...]}.
 *
 * <p>Thread-safety: runs once per child JVM; its watcher is one daemon thread.
 */
public final class ChildMain {

    /** Exit code of a child that ended because its parent disappeared. */
    public static final int ORPHAN_EXIT_CODE = 86;

    /** How often the watcher looks at the parent, in milliseconds. */
    static final long WATCH_MILLIS = 200;

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ChildMain <parentPid> <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid;
        try {
            parentPid = Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("parentPid (" + args[0] + ") must be a number");
            System.exit(2);
            return;
        }
        watchParent(parentPid);
        Class<?> main = Class.forName(args[1]);
        Method m = main.getMethod("main", String[].class);
        try {
            m.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Starts a daemon thread that ends this JVM (running its shutdown hooks, so its own children
     * are destroyed too) as soon as the process {@code parentPid} is gone or is no longer our
     * parent (we were re-parented to init).
     */
    static void watchParent(long parentPid) {
        Optional<Instant> started = ProcessHandle.of(parentPid).flatMap(h -> h.info().startInstant());
        Thread t = new Thread(() -> {
            while (true) {
                if (!parentAlive(parentPid, started)) {
                    System.err.println("[ChildMain] parent " + parentPid + " is gone: exiting / 父进程已经不在了，子进程退出");
                    System.exit(ORPHAN_EXIT_CODE);
                    return;
                }
                try {
                    Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-watch-" + parentPid);
        t.setDaemon(true);
        t.start();
    }

    private static boolean parentAlive(long parentPid, Optional<Instant> started) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != parentPid) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(parentPid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Instant> now = h.get().info().startInstant();
        return started.isEmpty() || now.isEmpty() || started.equals(now);
    }
}
