package course.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import course.threads.ThreadLabResult;

/**
 * What one dinner of {@link DiningPhilosophers} did: the philosophers' log, the meals each ate, the deadlock the
 * watchdog found and broke (if any), and what is left running (nothing, normally).
 *
 * <p>一次哲学家就餐的结果：每位哲学家按时间顺序的输出、每人吃了几顿、看门狗发现并打破的死锁（如果有），
 * 以及还活着的线程（应该为空）。{@code DeadlockCharts.philosophers(result)} 把它画成圆桌。
 *
 * <p>Thread-safety: immutable.
 *
 * @param strategy      which version ran
 * @param philosophers  the philosophers' names, in seat order (philosopher i sits between chopstick i and i + 1)
 * @param chopsticks    the chopsticks' names, chopstick i to the left of philosopher i
 * @param lab           the threads' output and outcomes
 * @param meals         meals each philosopher ate, in seat order
 * @param mealsEach     meals each philosopher should eat
 * @param snapshot      the deadlock the watchdog found (empty when none)
 * @param broken        philosophers the watchdog interrupted
 * @param leftAlive     threads still alive at the end (should be empty)
 * @param detectedAfter time from the start of dinner to the detection, or null
 * @param timeout       the dinner's time limit
 */
public record PhilosophersResult(DiningPhilosophers.Strategy strategy, List<String> philosophers, List<String> chopsticks,
                                 ThreadLabResult lab, List<Integer> meals, int mealsEach, DeadlockSnapshot snapshot,
                                 List<String> broken, List<String> leftAlive, Duration detectedAfter, Duration timeout) {

    public PhilosophersResult {
        philosophers = List.copyOf(philosophers);
        chopsticks = List.copyOf(chopsticks);
        meals = List.copyOf(meals);
        broken = List.copyOf(broken);
        leftAlive = List.copyOf(leftAlive);
    }

    /** Whether the watchdog found a deadlock. */
    public boolean deadlocked() {
        return snapshot.found();
    }

    /** Whether every philosopher ate every meal. */
    public boolean finished() {
        return lab.ok() && meals.stream().allMatch(m -> m == mealsEach);
    }

    /** Meals eaten by the philosopher called {@code name}. */
    public int mealsOf(String name) {
        int i = philosophers.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("philosopher (" + name + ") must be one of " + philosophers + " / 没有这位哲学家");
        }
        return meals.get(i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(lab.toString());
        sb.append(snapshot);
        List<String> ate = new ArrayList<>();
        for (int i = 0; i < philosophers.size(); i++) {
            String who = philosophers.get(i);
            ate.add(who + " " + meals.get(i) + (broken.contains(who) ? "（被打断，离席）" : ""));
        }
        sb.append("每人吃了几顿：").append(String.join("、", ate)).append('\n');
        int rest = philosophers.size() - broken.size();
        long done = meals.stream().filter(m -> m == mealsEach).count();
        if (detectedAfter != null) {
            boolean othersDone = done == rest;
            sb.append(String.format(Locale.ROOT, "%s 看门狗在 %.0f ms 时发现死锁并中断了 %s（时间限制 %d 秒）；其余 %d 人%s%n",
                    othersDone ? "✔" : "⚠", detectedAfter.toNanos() / 1e6, String.join("、", broken), timeout.toSeconds(),
                    rest, othersDone ? "都吃完了 " + mealsEach + " 顿" : "中只有 " + done + " 人吃完了 " + mealsEach + " 顿"));
        } else {
            sb.append(finished() ? "✔ 每个人都吃完了 " + mealsEach + " 顿\n"
                    : "⚠ 吃完 " + mealsEach + " 顿的人：" + done + " / " + meals.size() + "\n");
        }
        sb.append(leftAlive.isEmpty() ? "剩下的线程：无（内核可以继续使用）\n" : "⚠ 仍然活着的线程：" + String.join("、", leftAlive) + "\n");
        return sb.toString();
    }
}
