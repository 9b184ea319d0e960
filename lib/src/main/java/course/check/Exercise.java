package course.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import course.base.Args;

/**
 * Checks a learner's answer to one exercise and says, in Chinese, what passed and what is wrong.
 *
 * <p>练习的自动检查：每一项检查写明"检查什么"、结果、以及没通过时的提示。
 * {@link #verdict()} 返回一个 {@link Verdict}：放在检查单元格的最后一行，笔记本显示 "✅ 通过"
 * 或者 "❌ 没通过" 加上原因和提示（测试也用它确认：参考答案能通过，错误答案会失败）。
 *
 * <pre>{@code
 * Exercise.named("练习 1：join")
 *         .expectEquals("线程结束后 isAlive()", false, alive, "join() 返回时线程已经结束了。")
 *         .expect("总耗时小于 3 秒", seconds < 3, "两个线程应该同时睡，而不是一个接一个。")
 *         .verdict();
 * }</pre>
 *
 * <p>Thread-safety: build an exercise from one thread; a {@link Verdict} is immutable.
 */
public final class Exercise {

    /** The outcome of one check. */
    public record Item(String what, boolean passed, String detail, String hint) {
    }

    /**
     * All checks of one exercise.
     *
     * @param title the exercise
     * @param items each check, in order
     * @param graded whether {@code ./course grade} counts it (false for practice questions, which a
     *               learner may answer as often as they like)
     */
    public record Verdict(String title, List<Item> items, boolean graded) {
        public Verdict {
            items = List.copyOf(items);
        }

        /** A graded verdict. */
        public Verdict(String title, List<Item> items) {
            this(title, items, true);
        }

        public boolean passed() {
            return !items.isEmpty() && items.stream().allMatch(Item::passed);
        }

        /**
         * What {@code ./course grade} records of this verdict: {@code title}, {@code passed}, and
         * {@code failed}, the descriptions of the checks that did not pass. The course's kernel adds
         * it to a cell's result as the MIME type {@code application/vnd.course.verdict+json}, an
         * output that printed text cannot produce; the grader reads it only from the course's own
         * check cells. It holds no hint and no expected value. Null for a practice verdict.
         *
         * <p>给 {@code ./course grade} 看的评分记录：练习名、是否通过、没通过的检查项；练习题库的题目不计分，没有记录。
         */
        public Map<String, Object> gradeRecord() {
            if (!graded) {
                return null;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("title", title);
            record.put("passed", passed());
            record.put("failed", items.stream().filter(i -> !i.passed()).map(Item::what).toList());
            return record;
        }

        /** The text a learner sees: one line per check, then 通过 or 没通过. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(passed() ? "✅ 通过 " : "❌ 没通过 ").append(title).append('\n');
            for (Item i : items) {
                sb.append(i.passed() ? "  ✔ " : "  ✘ ").append(i.what());
                if (!i.detail().isEmpty()) {
                    sb.append("：").append(i.detail());
                }
                sb.append('\n');
                if (!i.passed() && !i.hint().isEmpty()) {
                    sb.append("    提示：").append(i.hint()).append('\n');
                }
            }
            return sb.toString();
        }
    }

    private final String title;
    private final boolean graded;
    private final List<Item> items = new ArrayList<>();

    private Exercise(String title, boolean graded) {
        this.title = title;
        this.graded = graded;
    }

    /** Starts the checks of the exercise called {@code title}. */
    public static Exercise named(String title) {
        return new Exercise(Args.notNull("title", title), true);
    }

    /**
     * Starts the checks of a practice question (a generated question of {@code course.quiz}): its
     * verdict reads like an exercise's but is not graded, since the learner writes the answer into
     * the checking call itself.
     *
     * <p>练习题库里的一道题：检查的写法和练习一样，但不计分（答案就写在检查调用里）。
     */
    public static Exercise practice(String title) {
        return new Exercise(Args.notNull("title", title), false);
    }

    /** Records one yes/no check. */
    public Exercise expect(String what, boolean ok, String hint) {
        items.add(new Item(what, ok, "", hint));
        return this;
    }

    /** Records one check that {@code actual} equals {@code expected}, showing both when it does not. */
    public Exercise expectEquals(String what, Object expected, Object actual, String hint) {
        boolean ok = Objects.equals(expected, actual);
        items.add(new Item(what, ok, ok ? String.valueOf(actual) : "期望 " + expected + "，实际是 " + actual, hint));
        return this;
    }

    /**
     * Runs a check that may throw: an exception from the learner's code fails the check with its
     * message instead of failing the cell.
     */
    public Exercise expectNoException(String what, ThrowingCheck check, String hint) {
        try {
            boolean ok = check.test();
            items.add(new Item(what, ok, "", hint));
        } catch (Exception e) {
            items.add(new Item(what, false, "抛出了异常 " + e, hint));
        }
        return this;
    }

    /**
     * Runs the learner's code and returns what it returned; when it throws, records a failed check
     * {@code what：抛出了异常 …} with {@code hint} and returns null (the checks after it then fail too, and say why).
     *
     * <p>运行学习者的代码：正常返回就把结果交给后面的检查；抛出异常时记下一项没通过的检查（写明是什么异常），返回 null。
     */
    public <R> R attempt(String what, Callable<R> code, String hint) {
        try {
            return code.call();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            items.add(new Item(what, false, "抛出了异常 " + e, hint));
            return null;
        }
    }

    /** A check that may throw. */
    @FunctionalInterface
    public interface ThrowingCheck {
        boolean test() throws Exception;
    }

    /** The verdict of all checks so far; as a cell's result it shows the learner's feedback. */
    public Verdict verdict() {
        if (items.isEmpty()) {
            throw new IllegalStateException("exercise '" + title + "' has no checks / 练习里还没有任何检查");
        }
        return new Verdict(title, items, graded);
    }
}
