package course.game;

import course.cpu.Cpu;

/**
 * What the player of a {@link Level} must make happen.
 *
 * <p>一关的目标：让共享变量最后是某个值（{@link FinalValue}）、让内存里的某个值在途中达到某个数（{@link Reaches}）、
 * 让所有线程同时待在一段代码里（{@link Together}，例如临界区），或者让线程们死锁（{@link Deadlock}）。
 * 浏览器里的小游戏用同样的规则判断输赢（{@code scheduler-game.js} 的 {@code won}）。
 *
 * <p>Thread safety: immutable.
 */
public sealed interface Goal {

    /** Whether {@code cpu} is in a winning state now. */
    boolean reached(Cpu cpu);

    /** The goal as a JSON object for the widget. */
    String json();

    /** How a value is compared with the goal's number. */
    enum Compare {
        EQ("=="), GE(">=");

        private final String symbol;

        Compare(String symbol) {
            this.symbol = symbol;
        }

        boolean test(long value, long goal) {
            return switch (this) {
                case EQ -> value == goal;
                case GE -> value >= goal;
            };
        }

        /** The operator as the widget spells it. */
        String symbol() {
            return symbol;
        }
    }

    /** Every thread finished and the word at {@code address} compares so with {@code value}. */
    record FinalValue(int address, Compare compare, long value) implements Goal {
        @Override
        public boolean reached(Cpu cpu) {
            return cpu.halted() && compare.test(cpu.peek(address), value);
        }

        @Override
        public String json() {
            return "{\"kind\":\"final\",\"address\":" + address + ",\"compare\":\"" + compare.symbol()
                    + "\",\"value\":" + value + "}";
        }
    }

    /** At some moment the word at {@code address} compares so with {@code value}. */
    record Reaches(int address, Compare compare, long value) implements Goal {
        @Override
        public boolean reached(Cpu cpu) {
            return compare.test(cpu.peek(address), value);
        }

        @Override
        public String json() {
            return "{\"kind\":\"reach\",\"address\":" + address + ",\"compare\":\"" + compare.symbol()
                    + "\",\"value\":" + value + "}";
        }
    }

    /** Every thread is unfinished with its PC in {@code from} (inclusive) to {@code to} (exclusive) at once. */
    record Together(int from, int to) implements Goal {
        @Override
        public boolean reached(Cpu cpu) {
            for (int t = 0; t < cpu.threadCount(); t++) {
                int pc = cpu.context(t).pc();
                if (cpu.halted(t) || pc < from || pc >= to) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String json() {
            return "{\"kind\":\"together\",\"from\":" + from + ",\"to\":" + to + "}";
        }
    }

    /** The threads are deadlocked. */
    record Deadlock() implements Goal {
        @Override
        public boolean reached(Cpu cpu) {
            return cpu.deadlocked();
        }

        @Override
        public String json() {
            return "{\"kind\":\"deadlock\"}";
        }
    }
}
