package course.exercises;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import course.check.ConceptCheck;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.process.ChildJvm;
import course.process.demo.NumsChild;

/**
 * Checks for the exercises of notebook 12 (多进程).
 *
 * <p>笔记本 12 的练习检查。
 *
 * <p>Thread-safety: call a check from the cell's thread; a check runs the learner's code and waits for every thread
 * it starts.
 */
public final class Ex12 {

    private Ex12() {
    }

    /**
     * 练习 1: the learner's code starts two {@link NumsChild} children (words "baidu" and "neuedu"),
     * waits for both, and returns their handles. The check closes them.
     */
    public static Verdict twoChildren(Callable<List<ChildJvm>> learnerCode) {
        Exercise ex = Exercise.named("练习 1：两个子进程，各有一份 nums");
        List<ChildJvm> children = List.of();
        try {
            List<ChildJvm> got = ex.attempt("代码正常返回", learnerCode,
                    "waitFor 可能抛出 InterruptedException：方法上写 throws 就行。");
            children = got == null ? List.of() : got;
            long me = ProcessHandle.current().pid();
            boolean two = children.size() == 2;
            HashSet<Long> pids = new HashSet<>();
            children.forEach(c -> pids.add(c.pid()));
            boolean ended = two && children.stream().noneMatch(ChildJvm::isAlive);
            boolean ok = ended && children.stream().allMatch(c -> c.exitCode() == 0);
            String all = ended ? children.get(0).stdout() + children.get(1).stdout() : "";
            ex.expectEquals("子进程个数", 2, children.size(), "用 ChildJvm.start(NumsChild.class, \"baidu\") 启动两个，放进列表返回。");
            String[] later = {"两个子进程的 pid 不同，也都不是当前进程", "返回之前两个子进程都已经结束，退出码是 0",
                    "子进程的 nums 各自增长：baidu 那个以 u] 结尾，neuedu 那个不含 b", "父进程里的 NumsChild.NUMS 没有变"};
            if (!two) {
                for (String what : later) {
                    ex.notChecked(what, "还没有两个子进程");
                }
                return ex.verdict();
            }
            ex.expect(later[0] + "（当前进程 " + me + "）", pids.size() == 2 && !pids.contains(me),
                            "每个子进程都是一个新的进程，有自己的 pid。")
                    .expect(later[1], ok, "返回之前对每个子进程调用 waitFor(Duration.ofSeconds(10))，像 Python 的 join()。");
            if (!ok) {
                return ex.notChecked(later[2], "子进程还没有正常结束").notChecked(later[3], "子进程还没有正常结束").verdict();
            }
            return ex.expect(later[2], all.contains("nums=[11, 22, b, a, i, d, u]") && all.contains("nums=[11, 22, n, e, u, e, d, u]"),
                            "参数分别是 \"baidu\" 和 \"neuedu\"。")
                    .expect(later[3] + "（现在是 " + NumsChild.NUMS + "）", List.of(11, 22).equals(NumsChild.NUMS),
                            "进程之间不共享内存：子进程改的是自己的那一份。")
                    .verdict();
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    /**
     * 练习 2: where did the work run? {@code workPid} is the pid the work reported (the child's
     * {@code pid=} line), {@code reportedPpid} the parent pid it reported ({@code ppid=}).
     */
    public static Verdict whereDidItRun(long workPid, long reportedPpid) {
        long me = ProcessHandle.current().pid();
        return Exercise.named("练习 2：工作在哪个进程里执行？")
                .expect("工作不是在当前进程 (pid " + me + ") 里执行的（实际 pid " + workPid + "）", workPid != me,
                        "像原教程里的 target=run_proc() 一样，直接调用方法就是在当前进程里执行；要启动子进程，"
                                + "并从它的输出里读出 pid=...")
                .expectEquals("子进程报告的父进程 ppid 是当前进程 (" + me + ")", me, reportedPpid,
                        "子进程用 ProcessHandle.current().parent() 得到父进程：就是启动它的这个 JVM。")
                .verdict();
    }

    /** Reads the number after {@code key} (e.g. "pid=") in a child's output; -1 if absent. */
    public static long number(String output, String key) {
        int i = output.indexOf(key);
        if (i < 0) {
            return -1;
        }
        int j = i + key.length();
        int k = j;
        while (k < output.length() && Character.isDigit(output.charAt(k))) {
            k++;
        }
        return k > j ? Long.parseLong(output.substring(j, k)) : -1;
    }

    /** 概念 1: whether a child process sees a change its parent makes after starting it. */
    public static Verdict concept1(Object answer) {
        return ConceptCheck.choice("概念 1：父进程后来改的变量", answer).options("ABCD").correct("B")
                .hint("A", "\"全局\"只在一个进程里面：同一个进程里的线程共用它，别的进程有自己的一份。")
                .hint("C", "两个进程之间没有任何东西在传这个列表；要传，得自己用管道、文件或者下一节的队列。")
                .hint("D", "fork() 复制的是 fork 那一刻的内存；之后父进程再改，改的只是它自己的那一份（写时复制）。")
                .hint("回到\"进程间不共享全局变量\"那一节：子进程的 nums 是从哪里来的？父进程改的是谁的内存？")
                .verdict();
    }

    /** 概念 2: whose pid the seed's Process(target=run_proc()) prints. */
    public static Verdict concept2(Object answer) {
        return ConceptCheck.choice("概念 2：target=run_proc()", answer).options("ABCD").correct("B")
                .hint("A", "本来想要的是这样；可多出来的那对括号让 run_proc 在什么时候、在哪个进程里执行了？")
                .hint("C", "子进程拿到的 target 是 run_proc() 的返回值 None：它什么也不执行。")
                .hint("D", "子进程确实什么也不做；可是写在 Process(...) 括号里的 run_proc() 这个调用，本身会不会执行？")
                .hint("回到\"原教程里的错误\"那一节：run_proc() 和 run_proc 有什么不同？Java 的双胞胎 t.run() 在哪个线程里执行了？")
                .verdict();
    }
}
