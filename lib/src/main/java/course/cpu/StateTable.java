package course.cpu;

import java.util.Arrays;

/**
 * A set of fixed-length {@code long[]} states, each numbered in the order added: open addressing over one arena, so
 * looking a state up allocates nothing.
 *
 * <p>{@link StateSearch} 用它记住走过的状态：每个状态是一串固定长度的 long，按加入的顺序编号 0、1、2、…
 *
 * <p>Thread-safety: not thread-safe; one search uses it.
 */
final class StateTable {

    private final int width;
    private long[] arena = new long[0];
    private int[] hashes = new int[0];
    private int[] slots = new int[1 << 12];
    private int size;

    StateTable(int width) {
        this.width = width;
        Arrays.fill(slots, -1);
    }

    /** Number of states. */
    int size() {
        return size;
    }

    /** The number of {@code state}, or -1 when it is not in the table. */
    int find(long[] state) {
        int h = hash(state);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int id = slots[i];
            if (id < 0) {
                return -1;
            }
            if (hashes[id] == h && Arrays.equals(arena, id * width, id * width + width, state, 0, width)) {
                return id;
            }
        }
    }

    /** Adds {@code state} (not yet in the table) and returns its number. */
    int add(long[] state) {
        if (size == hashes.length) {
            int capacity = Math.max(1024, size * 2);
            arena = Arrays.copyOf(arena, capacity * width);
            hashes = Arrays.copyOf(hashes, capacity);
        }
        if (2 * (size + 1) > slots.length) {
            rehash(slots.length * 2);
        }
        int id = size++;
        System.arraycopy(state, 0, arena, id * width, width);
        hashes[id] = hash(state);
        place(id);
        return id;
    }

    private void place(int id) {
        int mask = slots.length - 1;
        int i = hashes[id] & mask;
        while (slots[i] >= 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        Arrays.fill(slots, -1);
        for (int id = 0; id < size; id++) {
            place(id);
        }
    }

    private static int hash(long[] state) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : state) {
            h = (h ^ v) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }
}
