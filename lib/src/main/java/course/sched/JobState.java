package course.sched;

/**
 * The state of a job at one moment: the textbook's five-state model.
 *
 * <p>任务在某一时刻的状态：新建（还没到达）、就绪（等 CPU）、执行（正占着一个核）、等待（等 I/O 或 sleep，
 * 给它 CPU 也没用）、终止（做完了）。原教程讲的三种状态是中间的就绪、执行、等待。
 *
 * <p>Thread-safety: immutable.
 */
public enum JobState {
    NEW("新建"), READY("就绪"), RUNNING("执行"), WAITING("等待"), TERMINATED("终止");

    private final String chinese;

    JobState(String chinese) {
        this.chinese = chinese;
    }

    /** The Chinese name. */
    public String chinese() {
        return chinese;
    }
}
