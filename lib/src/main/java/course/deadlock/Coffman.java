package course.deadlock;

/**
 * The four conditions that must all hold for a deadlock (Coffman, Elphick and Shoshani, 1971); a fix breaks one.
 *
 * <p>死锁的四个必要条件（Coffman 等人，1971）：四个同时成立才会死锁，破坏其中任何一个，死锁就不可能发生。
 *
 * <p>Thread-safety: an enum (immutable).
 */
public enum Coffman {

    /** A resource can be held by only one thread at a time. */
    MUTUAL_EXCLUSION("互斥", "一把锁（一根筷子）同一时刻只能被一个线程拿着"),
    /** A thread holds what it has while it waits for more. */
    HOLD_AND_WAIT("占有并等待", "线程拿着已经到手的锁，同时等别的锁"),
    /** Nobody can take a lock away from the thread holding it; only it can release it. */
    NO_PREEMPTION("不可抢占", "锁不能被别人夺走，只能由拿着它的线程自己放下"),
    /** The waiting threads form a cycle: each waits for a lock the next one holds. */
    CIRCULAR_WAIT("循环等待", "几个线程排成一个环，每个都在等下一个手里的锁");

    private final String chinese;
    private final String meaning;

    Coffman(String chinese, String meaning) {
        this.chinese = chinese;
        this.meaning = meaning;
    }

    /** The condition's Chinese name. */
    public String chinese() {
        return chinese;
    }

    /** What the condition means, in Chinese. */
    public String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return chinese;
    }
}
