package course.deadlock;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One lock at one moment: who holds it, who waits for it, and the other threads looked at.
 *
 * <p>一把锁某一时刻的"照片"：谁在里面（持有锁），谁在门口排队（等锁），还有哪些线程两样都不是
 * （还没来、已经走了、在忙别的）。{@link LockWatch#snapshot} 拍下它，{@code DeadlockCharts.bathroom} 画出它。
 *
 * <p>Thread-safety: immutable.
 *
 * @param lock    the lock's name
 * @param kind    {@code ReentrantLock} or {@code synchronized}
 * @param locked  whether the lock was held (also by a thread not looked at, or one that ended)
 * @param holder  the thread holding it, or null (its state is null when it is not among the threads looked at)
 * @param waiting the threads waiting for it, in the order they were given
 * @param others  the other threads looked at
 */
public record LockSnapshot(String lock, String kind, boolean locked, Person holder, List<Person> waiting,
                           List<Person> others) {

    /**
     * A thread and its state.
     *
     * @param name  the thread's name
     * @param state its state, or null when unknown
     */
    public record Person(String name, Thread.State state) {
        @Override
        public String toString() {
            return name + (state == null ? "" : " (" + state + ")");
        }
    }

    public LockSnapshot {
        waiting = List.copyOf(waiting);
        others = List.copyOf(others);
    }

    /** Names of the waiting threads, in order. */
    public List<String> queue() {
        return waiting.stream().map(Person::name).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(lock).append("（").append(kind).append("）：")
                .append(locked ? "锁着" : "开着").append('\n');
        sb.append("  在里面（持有锁）：").append(holder == null ? (locked ? "（看不到是谁）" : "没有人") : holder).append('\n');
        sb.append("  门口排队（等锁）：").append(waiting.isEmpty() ? "没有人"
                : waiting.stream().map(Person::toString).collect(Collectors.joining("、"))).append('\n');
        if (!others.isEmpty()) {
            sb.append("  其他：").append(others.stream().map(Person::toString).collect(Collectors.joining("、"))).append('\n');
        }
        return sb.toString();
    }
}
