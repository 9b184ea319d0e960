package course.process.demo;

import java.time.Duration;

import course.process.ChildJvm;

/**
 * A child that starts a grandchild ({@link SleepChild}), prints {@code grandchild <pid>} and then
 * waits: used to show (and test) that no grandchild outlives its parent.
 *
 * <p>子进程再启动一个孙进程，然后等着：用来证明父进程被杀掉以后孙进程也不会留下。
 *
 * <p>Arguments: {@code [grandchildMillis]} (default 60 000).
 */
public final class SpawnChild {

    private SpawnChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String millis = args.length > 0 ? args[0] : "60000";
        try (ChildJvm grandchild = ChildJvm.builder(SleepChild.class).args(millis, "grandchild").echo(false).start()) {
            System.out.println("grandchild " + grandchild.pid());
            System.out.flush();
            grandchild.waitFor(Duration.ofMillis(Long.parseLong(millis) + 10_000));
        }
    }
}
