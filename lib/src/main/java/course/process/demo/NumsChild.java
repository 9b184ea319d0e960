package course.process.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seed's {@code nums} example as a child main: appends each letter of its argument to its own
 * copy of {@code nums = [11, 22]}, printing the list each time.
 *
 * <p>原教程里的 {@code nums} 例子：每个子进程有自己的一份 {@code nums}，
 * 往里加字母只改自己的那一份，父进程和别的子进程都看不到（进程间不共享全局变量）。
 *
 * <p>Arguments: {@code word [maxPauseMillis]} (default pause up to 300 ms).
 *
 * <p>Thread-safety: a child JVM's {@code main}; {@code NUMS} is changed by its main thread only.
 */
public final class NumsChild {

    /** The list every process starts with; each JVM has its own copy. */
    public static final List<Object> NUMS = new ArrayList<>(List.of(11, 22));

    private NumsChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String word = args.length > 0 ? args[0] : "baidu";
        int maxPause = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long pid = ProcessHandle.current().pid();
        Random random = new Random(word.hashCode());
        System.out.println("进程 " + word + "（pid=" + pid + "）：nums=" + NUMS);
        for (char c : word.toCharArray()) {
            NUMS.add(String.valueOf(c));
            Thread.sleep(random.nextInt(maxPause + 1));
            System.out.println("进程 " + word + "（pid=" + pid + "）：nums=" + NUMS);
        }
    }
}
