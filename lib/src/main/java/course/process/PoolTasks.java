package course.process;

/**
 * The named tasks a {@link ProcessPool} worker can run; each is a plain static method, so the same
 * work can also run in a thread for comparison.
 *
 * <p>进程池的工作进程能执行的"具名任务"。任务的代码必须已经在工作进程里（进程不共享内存，
 * 不能把一个 lambda 直接"递"过去），所以提交任务时只发送任务名和参数（文字），结果也以文字返回。
 *
 * <table>
 *   <caption>tasks</caption>
 *   <tr><td>{@code square n [millis]}</td><td>the seed's {@code task(n)}: prints "pid is running", sleeps 2 s, returns n²</td></tr>
 *   <tr><td>{@code sleep millis}</td><td>sleeps, returns the worker's pid</td></tr>
 *   <tr><td>{@code primes from to}</td><td>CPU-bound: counts the primes in [from, to)</td></tr>
 *   <tr><td>{@code pid}</td><td>returns the worker's pid</td></tr>
 *   <tr><td>{@code fail message}</td><td>throws: the future fails, the worker lives on</td></tr>
 *   <tr><td>{@code crash code}</td><td>writes to stderr and halts the worker JVM with that exit code</td></tr>
 * </table>
 *
 * <p>Thread-safety: stateless; each task may run in any thread.
 */
public final class PoolTasks {

    private PoolTasks() {
    }

    /** The seed's {@code task(n)}: announce, sleep, return n². */
    public static long square(long n, long millis) throws InterruptedException {
        System.out.println(ProcessHandle.current().pid() + " is running square(" + n + ")");
        Thread.sleep(millis);
        return n * n;
    }

    /** Counts the primes p with {@code from <= p < to} by trial division: pure CPU work. */
    public static long countPrimes(long from, long to) {
        long count = 0;
        for (long n = Math.max(2, from); n < to; n++) {
            boolean prime = true;
            for (long d = 2; d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    /** Runs the named task with text arguments and returns its result as text. */
    static String run(String name, String[] args) throws Exception {
        switch (name) {
            case "square":
                need(name, args, 1, 2);
                return String.valueOf(square(Long.parseLong(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 2000));
            case "sleep":
                need(name, args, 1, 1);
                Thread.sleep(Long.parseLong(args[0]));
                return String.valueOf(ProcessHandle.current().pid());
            case "primes":
                need(name, args, 2, 2);
                return String.valueOf(countPrimes(Long.parseLong(args[0]), Long.parseLong(args[1])));
            case "pid":
                need(name, args, 0, 0);
                return String.valueOf(ProcessHandle.current().pid());
            case "fail":
                throw new IllegalStateException(args.length > 0 ? args[0] : "task failed on purpose");
            case "crash":
                System.err.println("worker " + ProcessHandle.current().pid() + ": crashing on purpose / 故意崩溃");
                System.err.flush();
                Runtime.getRuntime().halt(args.length > 0 ? Integer.parseInt(args[0]) : 3);
                return "unreachable";
            default:
                throw new IllegalArgumentException("unknown task '" + name + "' / 没有这个任务；可用的任务: "
                        + "square, sleep, primes, pid, fail, crash");
        }
    }

    private static void need(String name, String[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new IllegalArgumentException("task " + name + " takes " + (min == max ? min : min + " to " + max)
                    + " arguments, got " + args.length + " / 参数个数不对");
        }
    }
}
