package course.cpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The search behind {@link Interleavings}: a depth-first walk over distinct machine states with undo, then a count of
 * paths by dynamic programming in topological order.
 *
 * <p>A state is every thread's PC (or "finished") and registers plus the memory words the programs use. Each state
 * is a node; each edge is one runnable thread executing one whole instruction. Terminal nodes are states where every
 * thread finished, or where no unfinished thread can run (deadlock). The walk keeps one machine and undoes each move
 * when it backs up, so a state costs one key in a hash map. An edge back to a node still on the walk's stack is a
 * cycle: some schedule repeats a state for ever. Without cycles the graph is a DAG, and the number of interleavings
 * reaching each node is the sum over its predecessors, computed once per node in reverse post-order.
 *
 * <p>Thread safety: one search per instance, used by one thread.
 */
final class StateSearch {

    private static final int GREY = 1;
    private static final int BLACK = 2;

    private final Program[] programs;
    private final int[] watch;
    private final ThreadContext[] contexts;
    private final long[] memory;
    private final int[] words;
    private final int maxStates;
    private final ThreadContext[] scratch;
    private final long[] key;
    private final StateTable index;
    private final Ints parent = new Ints();
    private final Ints via = new Ints();
    private final Ints colour = new Ints();
    private final Ints ending = new Ints();
    private final Ints edgeFrom = new Ints();
    private final Ints edgeTo = new Ints();
    private final Ints postOrder = new Ints();
    private final Map<End, Integer> ends = new LinkedHashMap<>();
    private final List<Integer> endExample = new ArrayList<>();
    private List<Integer> endless;
    private List<Long> endlessWords;

    /** One kind of ending with the watched words then. */
    private record End(InterleavingOutcome.Kind kind, List<Long> words) {
    }

    /** One node on the walk's stack and how to undo the move that led to it. */
    private static final class Frame {
        final int node;
        final int thread;
        final ThreadContext saved;
        final int word;
        final long savedWord;
        int next;

        Frame(int node, int thread, ThreadContext saved, int word, long savedWord) {
            this.node = node;
            this.thread = thread;
            this.saved = saved;
            this.word = word;
            this.savedWord = savedWord;
        }
    }

    StateSearch(Program[] programs, List<Integer> watchAddresses, int maxStates) {
        this.programs = programs;
        this.maxStates = maxStates;
        this.watch = watchAddresses.stream().mapToInt(a -> a / Program.WORD).toArray();
        this.memory = new long[programs[0].memorySize() / Program.WORD];
        this.contexts = new ThreadContext[programs.length];
        TreeSet<Integer> used = new TreeSet<>();
        Arrays.stream(watch).forEach(used::add);
        for (int t = 0; t < programs.length; t++) {
            contexts[t] = new ThreadContext(t, programs[t]);
            programs[t].data().forEach((a, v) -> {
                memory[a / Program.WORD] = v;
                used.add(a / Program.WORD);
            });
            programs[t].instructions().stream().filter(i -> i.memoryAddress() >= 0)
                    .forEach(i -> used.add(i.memoryAddress() / Program.WORD));
        }
        words = used.stream().mapToInt(Integer::intValue).toArray();
        scratch = Arrays.stream(contexts).map(ThreadContext::copy).toArray(ThreadContext[]::new);
        key = new long[contexts.length * ThreadContext.encodedSize() + words.length];
        index = new StateTable(key.length);
    }

    InterleavingResult run() {
        Deque<Frame> stack = new ArrayDeque<>();
        encode();
        stack.push(new Frame(node(-1, -1), -1, null, -1, 0));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next == contexts.length) {
                colour.set(f.node, BLACK);
                postOrder.add(f.node);
                stack.pop();
                undo(f.thread, f.saved, f.word, f.savedWord);
                continue;
            }
            int t = f.next++;
            ThreadContext c = contexts[t];
            if (c.halted() || c.blockedOn(memory) >= 0) {
                continue;
            }
            ThreadContext saved = scratch[t];
            saved.restore(c);
            int address = c.pending().memoryAddress();
            int word = address < 0 ? -1 : address / Program.WORD;
            long savedWord = word < 0 ? 0 : memory[word];
            try {
                c.instruction(memory);
            } catch (CpuFault fault) {
                throw fault.with("（出错的一种调度：" + text(path(stack, t)) + "）");
            }
            encode();
            int id = index.find(key);
            if (id < 0) {
                id = node(f.node, t);
                edgeFrom.add(f.node);
                edgeTo.add(id);
                stack.push(new Frame(id, t, saved.copy(), word, savedWord));
            } else {
                edgeFrom.add(f.node);
                edgeTo.add(id);
                if (colour.get(id) == GREY && endless == null) {
                    endless = path(stack, t);
                    endlessWords = watched();
                }
                undo(t, saved, word, savedWord);
            }
        }
        return result();
    }

    private void undo(int thread, ThreadContext saved, int word, long savedWord) {
        if (thread >= 0) {
            contexts[thread].restore(saved);
            if (word >= 0) {
                memory[word] = savedWord;
            }
        }
    }

    /** Writes the current state into {@link #key}. */
    private void encode() {
        int at = 0;
        for (ThreadContext c : contexts) {
            at = c.encode(key, at);
        }
        for (int w : words) {
            key[at++] = memory[w];
        }
    }

    /** A new node for the state in {@link #key}, reached from {@code from} by thread {@code thread}. */
    private int node(int from, int thread) {
        if (index.size() >= maxStates) {
            throw new IllegalArgumentException("more than " + maxStates + " states / 不同的状态超过了 "
                    + maxStates + " 个：线程或指令太多，或者有的循环每转一圈都改变内存（停不下来），请把程序改小");
        }
        int id = index.add(key);
        parent.add(from);
        via.add(thread);
        colour.add(GREY);
        ending.add(classify(id));
        return id;
    }

    /** The ending id of the current state, or -1 when some thread can still run. */
    private int classify(int id) {
        boolean finished = true;
        for (ThreadContext c : contexts) {
            if (!c.halted()) {
                if (c.blockedOn(memory) < 0) {
                    return -1;
                }
                finished = false;
            }
        }
        End e = new End(finished ? InterleavingOutcome.Kind.FINISHED : InterleavingOutcome.Kind.DEADLOCK, watched());
        Integer known = ends.get(e);
        if (known != null) {
            return known;
        }
        ends.put(e, ends.size());
        endExample.add(id);
        return ends.size() - 1;
    }

    private InterleavingResult result() {
        int n = index.size();
        long[] perEnd = new long[ends.size()];
        long total = -1;
        if (endless == null) {
            long[] paths = countPaths(n);
            total = 0;
            for (int v = 0; v < n; v++) {
                int e = ending.get(v);
                if (e >= 0) {
                    perEnd[e] = Math.addExact(perEnd[e], paths[v]);
                    total = Math.addExact(total, paths[v]);
                }
            }
        } else {
            Arrays.fill(perEnd, -1);
        }
        List<InterleavingOutcome> outcomes = new ArrayList<>();
        ends.forEach((e, id) -> outcomes.add(new InterleavingOutcome(e.kind(), e.words(), perEnd[id],
                example(endExample.get(id)))));
        if (endless != null) {
            outcomes.add(new InterleavingOutcome(InterleavingOutcome.Kind.ENDLESS, endlessWords, -1, endless));
        }
        outcomes.sort(Comparator.comparing(InterleavingOutcome::kind).thenComparing(InterleavingOutcome::words,
                StateSearch::compareWords));
        List<Integer> addresses = Arrays.stream(watch).map(w -> w * Program.WORD).boxed().toList();
        return new InterleavingResult(addresses, List.of(programs), total, n, outcomes);
    }

    /** The watched words now. */
    private List<Long> watched() {
        return Arrays.stream(watch).mapToObj(w -> memory[w]).toList();
    }

    private static int compareWords(List<Long> a, List<Long> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Interleavings from the start to each node: a sum over predecessors, nodes taken in topological order. */
    private long[] countPaths(int n) {
        int[] start = new int[n + 1];
        for (int i = 0; i < edgeFrom.size(); i++) {
            start[edgeFrom.get(i) + 1]++;
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] succ = new int[edgeFrom.size()];
        for (int i = 0; i < edgeFrom.size(); i++) {
            succ[fill[edgeFrom.get(i)]++] = edgeTo.get(i);
        }
        long[] paths = new long[n];
        paths[0] = 1;
        for (int k = postOrder.size() - 1; k >= 0; k--) {
            int v = postOrder.get(k);
            for (int i = start[v]; i < start[v + 1]; i++) {
                try {
                    paths[succ[i]] = Math.addExact(paths[succ[i]], paths[v]);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("more than " + Long.MAX_VALUE + " interleavings / 交错数超过了 long "
                            + "能表示的范围（约 9.2·10¹⁸），请减少线程数或指令数", e);
                }
            }
        }
        return paths;
    }

    /** The schedule that first reached {@code node}: threads along the parent pointers. */
    private List<Integer> example(int node) {
        List<Integer> out = new ArrayList<>();
        for (int v = node; parent.get(v) >= 0; v = parent.get(v)) {
            out.add(via.get(v));
        }
        Collections.reverse(out);
        return out;
    }

    /** The schedule along the walk's stack, then {@code last}. */
    private static List<Integer> path(Deque<Frame> stack, int last) {
        List<Integer> out = new ArrayList<>();
        stack.descendingIterator().forEachRemaining(f -> {
            if (f.thread >= 0) {
                out.add(f.thread);
            }
        });
        out.add(last);
        return out;
    }

    private static String text(List<Integer> schedule) {
        StringBuilder sb = new StringBuilder();
        schedule.forEach(t -> sb.append(sb.length() == 0 ? "" : " ").append('T').append(t + 1));
        return sb.toString();
    }

    /** A growable int array. */
    private static final class Ints {
        private int[] a = new int[1024];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int v) {
            a[i] = v;
        }

        int size() {
            return size;
        }
    }
}
