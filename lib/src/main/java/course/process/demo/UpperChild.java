package course.process.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads lines from standard input and writes each back in upper case, until end-of-file: the
 * simplest inter-process communication, a pair of pipes.
 *
 * <p>从标准输入读一行、转成大写写到标准输出，直到读到文件结束（EOF）：父进程写进子进程的 stdin
 * 管道，再从它的 stdout 管道读回来。这就是最简单的进程间通信。
 */
public final class UpperChild {

    private UpperChild() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            System.out.println(line.toUpperCase(Locale.ROOT) + "  (pid " + ProcessHandle.current().pid() + ")");
            System.out.flush();
        }
    }
}
