package course.deadlock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import course.deadlock.ThreadProbe.LockRef;
import course.deadlock.ThreadProbe.ThreadSnapshot;

/**
 * A snapshot of one deadlock, read from the JVM at one moment: which threads wait for each other, which locks
 * they hold and which they wait for.
 *
 * <p>死锁快照：某一时刻从 JVM 读出的死锁情况——每个线程持有哪些锁、在等哪把锁、那把锁被谁持有，以及"等待环"
 * （线程1 → 锁B → 线程2 → 锁A → 线程1）。{@code DeadlockCharts.waitFor(snapshot)} 把它画成等待图。
 * 它是"拍下来的照片"：之后线程怎么变，它都不变。
 *
 * <p>Thread-safety: immutable.
 *
 * @param threads the deadlocked threads, sorted by name
 * @param names   names given to locks (locks without a name show as {@code Class@hash})
 */
public record DeadlockSnapshot(List<ThreadSnapshot> threads, Map<LockRef, String> names) {

    /**
     * One edge of the wait-for graph: {@code thread} waits for {@code lock}, held by {@code holder}.
     */
    public record Edge(String thread, String lock, String holder) {
        @Override
        public String toString() {
            return thread + " 等待 " + lock + "（被 " + holder + " 持有）";
        }
    }

    public DeadlockSnapshot {
        threads = threads.stream().sorted(Comparator.comparing(ThreadSnapshot::name)).toList();
        names = Map.copyOf(names);
    }

    static DeadlockSnapshot none() {
        return new DeadlockSnapshot(List.of(), Map.of());
    }

    static DeadlockSnapshot of(List<ThreadSnapshot> threads, Map<LockRef, String> names) {
        return new DeadlockSnapshot(threads, names);
    }

    /** Whether a deadlock was found. */
    public boolean found() {
        return !threads.isEmpty();
    }

    /** Names of the deadlocked threads, sorted. */
    public List<String> threadNames() {
        return threads.stream().map(ThreadSnapshot::name).toList();
    }

    /** The name given to a lock, or {@code Class@hash}. */
    public String lockName(LockRef ref) {
        return ref == null ? "?" : names.getOrDefault(ref, ref.toString());
    }

    /** Thread name → names of the locks it holds. */
    public Map<String, List<String>> holds() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        threads.forEach(t -> m.put(t.name(), t.held().stream().map(this::lockName).toList()));
        return m;
    }

    /** The wait-for edges, one per blocked thread. */
    public List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        for (ThreadSnapshot t : threads) {
            if (t.waitingFor() != null) {
                edges.add(new Edge(t.name(), lockName(t.waitingFor()),
                        t.ownerName() == null ? "?" : t.ownerName()));
            }
        }
        return List.copyOf(edges);
    }

    /** The cycle from the first thread: thread, lock, thread, lock, …, back to the first thread. */
    public List<String> cycle() {
        if (!found()) {
            return List.of();
        }
        Map<String, Edge> byThread = new LinkedHashMap<>();
        edges().forEach(e -> byThread.put(e.thread(), e));
        List<String> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = threads.get(0).name();
        while (current != null && seen.add(current)) {
            path.add(current);
            Edge e = byThread.get(current);
            if (e == null) {
                return List.copyOf(path);
            }
            path.add(e.lock());
            current = e.holder();
        }
        if (current != null) {
            path.add(current);
        }
        return List.copyOf(path);
    }

    @Override
    public String toString() {
        if (!found()) {
            return "没有发现死锁 (ThreadMXBean.findDeadlockedThreads 返回空)\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("发现死锁！").append(threads.size()).append(" 个线程互相等待 (ThreadMXBean.findDeadlockedThreads):\n");
        Map<String, Edge> byThread = new LinkedHashMap<>();
        edges().forEach(e -> byThread.put(e.thread(), e));
        for (ThreadSnapshot t : threads) {
            List<String> held = holds().get(t.name());
            sb.append("  ").append(t.name()).append(" (").append(t.state()).append("): 持有 ")
                    .append(held.isEmpty() ? "（无）" : String.join("、", held));
            Edge e = byThread.get(t.name());
            if (e != null) {
                sb.append("，等待 ").append(e.lock()).append("，").append(e.lock()).append(" 被 ").append(e.holder())
                        .append(" 持有");
            }
            sb.append('\n');
        }
        sb.append("  等待环: ").append(String.join(" → ", cycle())).append('\n');
        return sb.toString();
    }
}
