package course.process.demo;

/**
 * Prints its own pid and its parent's pid, like the seed's {@code run_proc}.
 *
 * <p>打印自己的 pid 和父进程的 pid（ppid）：Python 的 {@code os.getpid()} / {@code os.getppid()}
 * 在 Java 里是 {@code ProcessHandle.current().pid()} 和 {@code ProcessHandle.current().parent()}。
 */
public final class PidChild {

    private PidChild() {
    }

    public static void main(String[] args) {
        ProcessHandle me = ProcessHandle.current();
        System.out.println("子进程运行中，pid=" + me.pid());
        System.out.println("我的父进程是，ppid=" + me.parent().map(ProcessHandle::pid).orElse(-1L));
        System.out.println("子进程将要结束...");
    }
}
