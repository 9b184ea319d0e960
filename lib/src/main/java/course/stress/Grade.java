package course.stress;

/**
 * How acceptable one outcome of a concurrent test is, as jcstress grades it.
 *
 * <p>结果的评级（jcstress 的做法）：每种可能的结果事先标好"允许""允许但值得注意""禁止"。
 * 只有<b>禁止</b>的结果出现才算失败；"值得注意"（interesting）的结果说明发生了竞争或重排序，
 * 它允许出现，但从不要求它出现——所以这样的测试不会"时灵时不灵"。
 */
public enum Grade {
    /** An outcome the program may give; nothing special. 允许。 */
    ACCEPTABLE("允许"),
    /** Allowed, and worth a look: it shows a race or a reordering. 允许，值得注意。 */
    ACCEPTABLE_INTERESTING("允许·有趣"),
    /** Must never happen: when seen, the program (or the JVM) is wrong. 禁止。 */
    FORBIDDEN("禁止");

    private final String chinese;

    Grade(String chinese) {
        this.chinese = chinese;
    }

    /** The Chinese name shown in tables. */
    public String chinese() {
        return chinese;
    }

    /** Whether an outcome with this grade may happen (everything but {@link #FORBIDDEN}). */
    public boolean allowed() {
        return this != FORBIDDEN;
    }
}
