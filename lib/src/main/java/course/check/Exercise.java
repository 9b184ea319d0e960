package course.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

import course.base.Args;

/**
 * Checks a learner's answer to one exercise and says, in Chinese, what passed and what is wrong.
 *
 * <p>练习的自动检查：每一项检查写明"检查什么"、结果、以及没通过时的提示。
 * {@link #verdict()} 返回一个 {@link Verdict}：放在检查单元格的最后一行，笔记本显示 "✅ 通过"
 * 或者 "❌ 没通过" 加上原因和提示（测试也用它确认：参考答案能通过，没动过的练习一项也通不过）。
 *
 * <p>The course's two rules for feedback are built in: a failed check never shows the expected
 * answer ({@link #expectAnswer} shows the learner's own answer, {@link #expectEquals} what the
 * learner's code produced); a time limit, which is not an answer, is stated as a fact
 * ({@link #expectTime}: "应少于 600 ms，实际 640 ms"); and a check that means nothing until an
 * earlier one passes is shown as not checked ({@link #notChecked}), so that an untouched exercise
 * shows no ✔ at all.
 *
 * <p>反馈的规则：没通过时只说哪里不对、给提示，不说正确答案；时间限制不是答案，可以写明；
 * 前面的检查没通过、后面的检查还没有意义时，显示"还没有检查"（·），不显示 ✔。
 *
 * <pre>{@code
 * Exercise.named("练习 1：join")
 *         .expectAnswer("线程结束后 isAlive()", false, alive, "join() 返回时线程已经结束了。")
 *         .expectTime("两个线程一共用时", millis, 3000, "两个线程应该同时睡，而不是一个接一个。")
 *         .verdict();
 * }</pre>
 *
 * <p>Thread-safety: build an exercise from one thread; a {@link Verdict} is immutable.
 */
public final class Exercise {

    /** How one check came out. */
    public enum Mark {
        /** The check passed: ✔. */
        PASSED("✔"),
        /** The check failed: ✘ and a hint. */
        FAILED("✘"),
        /** The check could not be made yet, because an earlier one failed: · and why. */
        NOT_CHECKED("·");

        private final String symbol;

        Mark(String symbol) {
            this.symbol = symbol;
        }

        /** ✔, ✘ or ·. */
        public String symbol() {
            return symbol;
        }
    }

    /** The outcome of one check. */
    public record Item(String what, Mark mark, String detail, String hint) {
        public Item {
            Args.notNull("what", what);
            Args.notNull("mark", mark);
            detail = detail == null ? "" : detail;
            hint = hint == null ? "" : hint;
        }

        /** Whether the check passed. */
        public boolean passed() {
            return mark == Mark.PASSED;
        }
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
         * check cells. It holds no hint and no expected value; a check not made counts as failed.
         * Null for a practice verdict.
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

        /** The text a learner sees: the title with 通过 or 没通过, then one line per check; each hint once. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(passed() ? "✅ 通过 " : "❌ 没通过 ").append(title).append('\n');
            Set<String> hinted = new HashSet<>();
            for (Item i : items) {
                sb.append("  ").append(i.mark().symbol()).append(' ').append(i.what());
                if (!i.detail().isEmpty()) {
                    sb.append("：").append(i.detail());
                }
                sb.append('\n');
                if (i.mark() == Mark.FAILED && !i.hint().isEmpty() && hinted.add(i.hint())) {
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
        return add(what, ok, "", hint);
    }

    /**
     * Records the learner's answer to a prediction or a calculation: when it is wrong the learner sees
     * their own answer and the hint, never the correct one ({@code correct} is only compared).
     *
     * <p>预测题、计算题的答案：答错时显示"你的答案是 …"和提示，不显示正确答案；还没填（null 或空白）时说"还没有填"。
     */
    public Exercise expectAnswer(String what, Object correct, Object answer, String hint) {
        boolean ok = Objects.equals(correct, answer);
        boolean blank = answer == null || answer.toString().isBlank();
        return add(what, ok, ok ? String.valueOf(answer) : blank ? "还没有填" : "你的答案是 " + answer, hint);
    }

    /**
     * Records a check that the learner's code produced {@code expected}: when it did not, the learner
     * sees what it produced and the hint; the expected value is not shown (say in {@code what} what is
     * wanted when that is part of the task, not its answer).
     *
     * <p>学习者的代码算出来的结果：不对时显示"得到的是 …"和提示，不显示期望值。
     */
    public Exercise expectEquals(String what, Object expected, Object actual, String hint) {
        boolean ok = Objects.equals(expected, actual);
        return add(what, ok, ok ? String.valueOf(actual) : actual == null ? "没有得到结果" : "得到的是 " + actual, hint);
    }

    /**
     * Records a time limit: passes when {@code millis} is below {@code limitMillis}. A limit is not an
     * answer, so both are shown, as facts: "412 ms（应少于 600 ms）" or "应少于 600 ms，实际 640 ms".
     *
     * <p>时间限制：限制本身不是答案，所以写明，通过时"412 ms（应少于 600 ms）"，没通过时"应少于 600 ms，实际 640 ms"。
     */
    public Exercise expectTime(String what, long millis, long limitMillis, String hint) {
        boolean ok = millis < limitMillis;
        return add(what, ok, ok ? millis + " ms（应少于 " + limitMillis + " ms）"
                : "应少于 " + limitMillis + " ms，实际 " + millis + " ms", hint);
    }

    /**
     * Records a check that cannot be made yet because an earlier one failed (a time that means nothing
     * when the code did nothing; what a process left unchanged when no process ran). It does not pass:
     * the verdict stays 没通过, and the line says why it was not checked.
     *
     * <p>还不能检查的一项（前面的检查没通过，这一项现在没有意义）：显示"·"和原因，不算通过。
     */
    public Exercise notChecked(String what, String why) {
        items.add(new Item(what, Mark.NOT_CHECKED, "还没有检查（" + why + "）", ""));
        return this;
    }

    /**
     * {@link #expect}{@code (what, ok, hint)} when {@code ready}, else {@link #notChecked}{@code (what, why)}:
     * for a check that means something only once an earlier one passed.
     */
    public Exercise expectIf(boolean ready, String why, String what, boolean ok, String hint) {
        return ready ? expect(what, ok, hint) : notChecked(what, why);
    }

    /** {@link #expectTime} when {@code ready}, else {@link #notChecked}{@code (what, why)}. */
    public Exercise expectTimeIf(boolean ready, String why, String what, long millis, long limitMillis, String hint) {
        return ready ? expectTime(what, millis, limitMillis, hint) : notChecked(what, why);
    }

    private Exercise add(String what, boolean ok, String detail, String hint) {
        items.add(new Item(what, ok ? Mark.PASSED : Mark.FAILED, detail, hint));
        return this;
    }

    /**
     * Runs a check that may throw: an exception from the learner's code fails the check with its
     * message instead of failing the cell.
     */
    public Exercise expectNoException(String what, ThrowingCheck check, String hint) {
        try {
            return add(what, check.test(), "", hint);
        } catch (Exception e) {
            return add(what, false, "抛出了异常 " + e, hint);
        }
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
            add(what, false, "抛出了异常 " + e, hint);
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
