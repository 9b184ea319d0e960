package course.cpu;

/**
 * A data register of the simulated CPU.
 *
 * <p>数据寄存器（data register）：CPU 里存放参与计算的数据的小格子。这台模拟 CPU 有 A、B、C、D 四个。
 * 每个线程有自己的一套寄存器；内存是大家共享的。
 */
public enum Register {
    A, B, C, D;

    /** The register called {@code name} (case-insensitive), or {@code null}. */
    static Register named(String name) {
        for (Register r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        return null;
    }
}
