package course.quiz;

/**
 * A generated practice question: printed as its {@code toString()}, checked without giving the answer away, and
 * answered only on request with {@link #reveal()}.
 *
 * <p>自动生成的练习题（像 OSTEP 的模拟器作业那样，题目无穷无尽）：把题目对象放在单元格最后一行就显示题目；
 * {@code check(…)} 只说对不对、哪里不对、怎么想，不说答案；想看答案时调用 {@link #reveal()}。同一个题号（随机数的 seed）
 * 总是出同一道题，换一个题号就是一道新题。
 *
 * <p>Thread safety: immutable.
 */
public abstract class Question {

    private final long seed;
    private final String text;

    Question(long seed, String text) {
        this.seed = seed;
        this.text = text;
    }

    /** The seed this question was made from. */
    public long seed() {
        return seed;
    }

    /** The answer and how to get it, in Chinese. */
    public abstract String reveal();

    /** The question as a learner reads it. */
    @Override
    public String toString() {
        return text;
    }
}
