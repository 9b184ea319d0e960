package course.game;

import java.util.List;

import course.base.Args;

/**
 * The scheduler game: the learner is the scheduler of the simulated CPU and wins by breaking a program that looks
 * correct.
 *
 * <p>你来当调度器：每一关是几个线程的程序和一个目标。你决定每一步由哪个线程执行下一条指令，想办法让程序出错
 * （丢失更新、一起进临界区、死锁）。有的关卡赢不了，那正是要学的：锁确实管用。
 *
 * <pre>{@code
 * SchedulerGame.level(1)      // 单元格最后一行：显示第 1 关
 * SchedulerGame.levels()      // 所有关卡
 * }</pre>
 *
 * <p>Thread safety: stateless; the levels are immutable.
 */
public final class SchedulerGame {

    private SchedulerGame() {
    }

    /**
     * Level {@code number}, from 1.
     *
     * @throws IllegalArgumentException when there is no such level
     */
    public static Level level(int number) {
        Args.check(number >= 1 && number <= Levels.ALL.size(), "level", number, "be in 1.." + Levels.ALL.size(),
                "没有第 " + number + " 关：关卡从 1 到 " + Levels.ALL.size() + "，例如 SchedulerGame.level(1)");
        return Levels.ALL.get(number - 1);
    }

    /** All levels, in order. */
    public static List<Level> levels() {
        return Levels.ALL;
    }
}
