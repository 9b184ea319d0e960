package course.process.demo;

/**
 * Sleeps the given number of milliseconds, then prints a line: a child to wait for.
 *
 * <p>睡一会儿再打印一行：用来演示 {@code waitFor}（join）和 {@code isAlive}。
 *
 * <p>Arguments: {@code millis [name]}.
 */
public final class SleepChild {

    private SleepChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        String name = args.length > 1 ? args[1] : "LJ";
        System.out.println(name + " 进程启动, pid=" + ProcessHandle.current().pid());
        Thread.sleep(millis);
        System.out.println(name + " 进程结束");
    }
}
