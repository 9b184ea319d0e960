package course.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An assembled program: instructions 4 bytes apart from a start address, plus initial data words.
 *
 * <p>汇编好的程序：指令从起始地址（默认 100）开始，每条占 4 个字节（100, 104, 108, …）；
 * {@code DATA 地址, 值} 这样的行给内存里的数据设初值。写法：
 *
 * <pre>
 * # 注释以 # 或 ; 开头
 * DATA 2000, 6          # 内存地址 2000 的初值是 6
 * DATA 2004, 7
 *       LOAD  A, 2000   # A ← 内存[2000]
 *       LOAD  B, 2004
 *       MUL   C, A, B   # C ← A × B
 *       STORE C, 2008   # 内存[2008] ← C
 * loop: ADDI  A, A, -1  # 标签 loop 指向这条指令
 *       JNZ   A, loop   # A ≠ 0 就跳回 loop
 *       HALT
 * </pre>
 *
 * <p>写错的地方由 {@link CpuFault} 报告，中文消息写明第几行、原文和问题。
 *
 * <p>Thread-safety: immutable; one program may be loaded into many CPUs at once.
 */
public final class Program {

    /** Default start address of the first instruction (as in the seed). */
    public static final int DEFAULT_START = 100;
    /** Default memory size in bytes: addresses 0, 4, …, 4092. */
    public static final int DEFAULT_MEMORY = 4096;
    /** Bytes per word and per instruction. */
    public static final int WORD = 4;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String OPCODES = String.join(", ",
            Arrays.stream(Opcode.values()).map(Enum::name).toList());

    private final int start;
    private final int memorySize;
    private final List<Instruction> instructions;
    private final SortedMap<Integer, Long> data;
    private final Map<String, Integer> labels;
    private final String source;

    private Program(int start, int memorySize, List<Instruction> instructions, SortedMap<Integer, Long> data,
                    Map<String, Integer> labels, String source) {
        this.start = start;
        this.memorySize = memorySize;
        this.instructions = List.copyOf(instructions);
        this.data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.source = source;
    }

    /** Assembles {@code source} with the first instruction at 100 in a 4096-byte memory. */
    public static Program parse(String source) {
        return parse(source, DEFAULT_START, DEFAULT_MEMORY);
    }

    /**
     * Assembles {@code source}.
     *
     * @param start      address of the first instruction (a multiple of 4)
     * @param memorySize memory size in bytes (a positive multiple of 4)
     * @throws CpuFault                  when a line is wrong (the message names the line)
     * @throws IllegalArgumentException when start or memorySize is invalid
     */
    public static Program parse(String source, int start, int memorySize) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null / 程序文本不能是 null");
        }
        if (memorySize <= 0 || memorySize % WORD != 0) {
            throw new IllegalArgumentException("memorySize (" + memorySize + ") must be a positive multiple of 4 / 内存大小要是 4 的正整数倍");
        }
        if (start < 0 || start % WORD != 0 || start >= memorySize) {
            throw new IllegalArgumentException("start (" + start + ") must be a multiple of 4 inside memory / 起始地址要是内存里 4 的倍数");
        }
        return new Assembler(source, start, memorySize).assemble();
    }

    /** Address of the first instruction. */
    public int start() {
        return start;
    }

    /** The address just after the last instruction: reaching it ends the program. */
    public int end() {
        return start + WORD * instructions.size();
    }

    /** Memory size in bytes. */
    public int memorySize() {
        return memorySize;
    }

    /** The instructions in address order. */
    public List<Instruction> instructions() {
        return instructions;
    }

    /** The instruction stored at {@code address}, or null. */
    public Instruction at(int address) {
        if (address < start || address >= end() || (address - start) % WORD != 0) {
            return null;
        }
        return instructions.get((address - start) / WORD);
    }

    /** Initial data words from {@code DATA} lines: address → value. */
    public SortedMap<Integer, Long> data() {
        return data;
    }

    /** Labels: name → address. */
    public Map<String, Integer> labels() {
        return labels;
    }

    /** The program text as given. */
    public String source() {
        return source;
    }

    /** The addresses used as locks by LOCK and UNLOCK, smallest first. */
    public SortedSet<Integer> lockAddresses() {
        TreeSet<Integer> s = new TreeSet<>();
        instructions.stream().filter(i -> i.opcode() == Opcode.LOCK || i.opcode() == Opcode.UNLOCK)
                .forEach(i -> s.add(i.memoryAddress()));
        return Collections.unmodifiableSortedSet(s);
    }

    /** Whether some jump goes back to itself or an earlier instruction, so the program can repeat instructions. */
    public boolean hasLoop() {
        return instructions.stream().anyMatch(Instruction::jumpsBack);
    }

    /** Whether any instruction uses register {@code r}. */
    public boolean uses(Register r) {
        return instructions.stream().anyMatch(i -> i.r1() == r || i.r2() == r || i.r3() == r);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        instructions.forEach(i -> sb.append(i).append('\n'));
        data.forEach((a, v) -> sb.append(String.format(Locale.ROOT, "%5d: %d (数据)%n", a, v)));
        return sb.toString();
    }

    /** Two passes over the text: addresses and labels, then operands. */
    private static final class Assembler {
        private final String text;
        private final int start;
        private final int memorySize;
        private final Map<String, Integer> labels = new LinkedHashMap<>();
        private final Map<String, Integer> labelLines = new LinkedHashMap<>();
        private final SortedMap<Integer, Long> data = new TreeMap<>();
        private final List<String[]> pending = new ArrayList<>(); // {lineNo, original, body}
        private int end;

        Assembler(String text, int start, int memorySize) {
            this.text = text;
            this.start = start;
            this.memorySize = memorySize;
        }

        Program assemble() {
            String[] lines = text.split("\r?\n", -1);
            List<String> waitingLabels = new ArrayList<>();
            int waitingLine = 0;
            String waitingText = "";
            List<String[]> dataLines = new ArrayList<>();
            int address = start;
            for (int n = 1; n <= lines.length; n++) {
                String original = lines[n - 1].strip();
                String body = normalise(stripComment(lines[n - 1])).strip();
                while (true) {
                    int colon = body.indexOf(':');
                    if (colon < 0) {
                        break;
                    }
                    String name = body.substring(0, colon).strip();
                    if (!LABEL.matcher(name).matches()) {
                        throw new CpuFault(n, original, "\"" + name + "\" 不能做标签名：标签要以英文字母开头，"
                                + "只含字母、数字和下划线，后面跟一个冒号，例如 loop:");
                    }
                    if (Opcode.named(name) != null || Register.named(name) != null) {
                        throw new CpuFault(n, original, "\"" + name + "\" 是指令或寄存器的名字，不能做标签名。");
                    }
                    if (labelLines.containsKey(name) || waitingLabels.contains(name)) {
                        int first = labelLines.getOrDefault(name, waitingLine);
                        throw new CpuFault(n, original, "标签 \"" + name + "\" 已经在第 " + first + " 行定义过了。");
                    }
                    waitingLabels.add(name);
                    waitingLine = n;
                    waitingText = original;
                    labelLines.put(name, n);
                    body = body.substring(colon + 1).strip();
                }
                if (body.isEmpty()) {
                    continue;
                }
                String mnemonic = body.split("\\s+", 2)[0];
                if (mnemonic.equalsIgnoreCase("DATA")) {
                    if (!waitingLabels.isEmpty()) {
                        throw new CpuFault(n, original, "标签只能放在指令前面，不能放在 DATA 前面。");
                    }
                    dataLines.add(new String[]{String.valueOf(n), original, body});
                    continue;
                }
                if (address >= memorySize) {
                    throw new CpuFault(n, original, "程序太长：这条指令会放在地址 " + address + "，超出了内存（0 到 "
                            + (memorySize - WORD) + "）。");
                }
                for (String l : waitingLabels) {
                    labels.put(l, address);
                }
                waitingLabels.clear();
                pending.add(new String[]{String.valueOf(n), original, body});
                address += WORD;
            }
            if (!waitingLabels.isEmpty()) {
                throw new CpuFault(waitingLine, waitingText, "标签 \"" + waitingLabels.get(0)
                        + "\" 后面没有指令：标签要放在一条指令前面（可以在它后面写一条 HALT）。");
            }
            if (pending.isEmpty()) {
                throw new CpuFault(0, "", "程序是空的：一条指令也没有（注释和 DATA 行不算指令）。");
            }
            end = address;
            for (String[] d : dataLines) {
                parseData(Integer.parseInt(d[0]), d[1], d[2]);
            }
            List<Instruction> out = new ArrayList<>();
            int a = start;
            for (String[] p : pending) {
                out.add(parseInstruction(Integer.parseInt(p[0]), p[1], p[2], a));
                a += WORD;
            }
            return new Program(start, memorySize, out, data, labels, text);
        }

        private static String stripComment(String line) {
            int cut = line.length();
            for (String c : new String[]{"#", ";", "//", "；"}) {
                int i = line.indexOf(c);
                if (i >= 0 && i < cut) {
                    cut = i;
                }
            }
            return line.substring(0, cut);
        }

        /** Full-width punctuation from a Chinese input method is accepted. */
        private static String normalise(String s) {
            return s.replace('，', ',').replace('：', ':').replace('\u3000', ' ');
        }

        private String[] operands(int n, String original, String body, Opcode op) {
            String[] parts = body.split("\\s+", 2);
            String rest = parts.length > 1 ? parts[1].strip() : "";
            String[] ops = rest.isEmpty() ? new String[0] : rest.split(",", -1);
            for (int i = 0; i < ops.length; i++) {
                ops[i] = ops[i].strip();
            }
            int want = op.operandCount();
            if (ops.length != want) {
                String got = ops.length == 0 ? "一个也没有" : "这里有 " + ops.length + " 个";
                throw new CpuFault(n, original, op + " 需要 " + want + " 个操作数（写法：" + op.form()
                        + "），" + got + "。" + (ops.length == 1 && want > 1 && ops[0].contains(" ")
                        ? "操作数之间要用逗号隔开。" : ""));
            }
            for (int i = 0; i < ops.length; i++) {
                if (ops[i].isEmpty()) {
                    throw new CpuFault(n, original, op + " 的第 " + (i + 1) + " 个操作数是空的（逗号前后要有内容，写法："
                            + op.form() + "）。");
                }
            }
            return ops;
        }

        private Instruction parseInstruction(int n, String original, String body, int address) {
            String mnemonic = body.split("\\s+", 2)[0];
            Opcode op = Opcode.named(mnemonic);
            if (op == null) {
                throw new CpuFault(n, original, "不认识的指令 \"" + mnemonic + "\"。可用的指令：" + OPCODES + "。");
            }
            String[] o = operands(n, original, body, op);
            String src = body;
            return switch (op.kind) {
                case REG_ADDR -> new Instruction(address, n, src, op, register(n, original, o[0], op, 1), null, null,
                        dataAddress(n, original, o[1], op + " 的地址"));
                case REG_IMM -> new Instruction(address, n, src, op, register(n, original, o[0], op, 1), null, null,
                        constant(n, original, o[1], op, 2));
                case REG_REG_REG -> new Instruction(address, n, src, op, register(n, original, o[0], op, 1),
                        register(n, original, o[1], op, 2), register(n, original, o[2], op, 3), 0);
                case REG_REG_IMM -> new Instruction(address, n, src, op, register(n, original, o[0], op, 1),
                        register(n, original, o[1], op, 2), null, constant(n, original, o[2], op, 3));
                case TARGET -> new Instruction(address, n, src, op, null, null, null, target(n, original, o[0]));
                case REG_TARGET -> new Instruction(address, n, src, op, register(n, original, o[0], op, 1), null, null,
                        target(n, original, o[1]));
                case ADDR -> new Instruction(address, n, src, op, null, null, null,
                        dataAddress(n, original, o[0], op + " 的地址"));
                case REG_REG_ADDR -> new Instruction(address, n, src, op, register(n, original, o[0], op, 1),
                        register(n, original, o[1], op, 2), null, dataAddress(n, original, o[2], op + " 的地址"));
                case NONE -> new Instruction(address, n, src, op, null, null, null, 0);
            };
        }

        private Register register(int n, String original, String token, Opcode op, int position) {
            Register r = Register.named(token);
            if (r == null) {
                throw new CpuFault(n, original, op + " 的第 " + position + " 个操作数 \"" + token
                        + "\" 不是寄存器。寄存器只有 A, B, C, D（写法：" + op.form() + "）。");
            }
            return r;
        }

        private long constant(int n, String original, String token, Opcode op, int position) {
            try {
                return Long.parseLong(token.startsWith("+") ? token.substring(1) : token);
            } catch (NumberFormatException e) {
                String why = token.matches("[+-]?\\d+") ? "太大了（超出 long 的范围）" : "不是整数";
                throw new CpuFault(n, original, op + " 的第 " + position + " 个操作数 \"" + token + "\" " + why
                        + "：这里要写一个整数常数（写法：" + op.form() + "）。");
            }
        }

        private int number(int n, String original, String token, String what) {
            if (!token.matches("[+-]?\\d+")) {
                throw new CpuFault(n, original, "\"" + token + "\" 不是" + what + "：地址要写成整数，例如 2000。");
            }
            long v;
            try {
                v = Long.parseLong(token);
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v < 0 || v >= memorySize) {
                throw new CpuFault(n, original, what + " " + token + " 超出了内存范围（0 到 " + (memorySize - WORD) + "）。");
            }
            if (v % WORD != 0) {
                throw new CpuFault(n, original, what + " " + token + " 不是 4 的倍数：每个字（word）占 4 个字节，"
                        + "地址只能是 0, 4, 8, …");
            }
            return (int) v;
        }

        private int dataAddress(int n, String original, String token, String what) {
            int a = number(n, original, token, what);
            if (a >= start && a < end) {
                int free = Math.min(memorySize - WORD, (end + 999) / 1000 * 1000);
                throw new CpuFault(n, original, "地址 " + a + " 存放的是程序的指令（" + start + " 到 " + (end - WORD)
                        + "），不能当数据读写：数据请放在程序后面，例如 " + free + "。");
            }
            return a;
        }

        private long target(int n, String original, String token) {
            if (LABEL.matcher(token).matches()) {
                Integer a = labels.get(token);
                if (a == null) {
                    throw new CpuFault(n, original, "找不到标签 \"" + token + "\"。"
                            + (labels.isEmpty() ? "程序里还没有标签（写法：loop: 放在指令前面）。"
                            : "已有的标签：" + String.join(", ", labels.keySet()) + "。"));
                }
                return a;
            }
            if (!token.matches("[+-]?\\d+")) {
                throw new CpuFault(n, original, "\"" + token + "\" 不是跳转目标：要写一个标签（例如 loop）或一条指令的地址（例如 100）。");
            }
            long v;
            try {
                v = Long.parseLong(token);
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v < start || v >= end) {
                throw new CpuFault(n, original, "跳转目标 " + token + " 不在程序里：程序的指令在地址 " + start
                        + " 到 " + (end - WORD) + "。");
            }
            if ((v - start) % WORD != 0) {
                throw new CpuFault(n, original, "跳转目标 " + token + " 不是一条指令的开头：指令地址是 " + start + ", "
                        + (start + WORD) + ", " + (start + 2 * WORD) + ", …");
            }
            return v;
        }

        private void parseData(int n, String original, String body) {
            String[] parts = body.split("\\s+", 2);
            String rest = parts.length > 1 ? parts[1].strip() : "";
            String[] ops = rest.isEmpty() ? new String[0] : rest.split(",", -1);
            if (ops.length != 2 || ops[0].isBlank() || ops[1].isBlank()) {
                throw new CpuFault(n, original, "DATA 需要 2 个操作数（写法：DATA 地址, 值，例如 DATA 2000, 6）。");
            }
            int a = dataAddress(n, original, ops[0].strip(), "DATA 的地址");
            String v = ops[1].strip();
            long value;
            try {
                value = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            } catch (NumberFormatException e) {
                throw new CpuFault(n, original, "\"" + v + "\" 不是整数：DATA 的值要写一个整数，例如 DATA 2000, 6。");
            }
            if (data.containsKey(a)) {
                throw new CpuFault(n, original, "地址 " + a + " 已经用 DATA 设过初值了。");
            }
            data.put(a, value);
        }
    }
}
