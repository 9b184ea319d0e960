package course.process.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A child process that starts threads inside itself, each printing its name and the pid they share.
 *
 * <p>进程里面还可以再开线程：这些线程的 pid 都一样（同一个进程），线程名不同。
 *
 * <p>Arguments: {@code name [threads]} (default 2 threads).
 */
public final class ThreadsChild {

    private ThreadsChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = args.length > 0 ? args[0] : "hello";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long pid = ProcessHandle.current().pid();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> System.out.println(name + ": 线程 " + Thread.currentThread().getName()
                    + " 在进程 pid=" + pid + " 里运行"), name + "-thread-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
