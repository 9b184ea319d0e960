package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

import course.base.Args;
import course.cpu.Cpu;
import course.cpu.CpuStep;
import course.cpu.InterleavingOutcome;
import course.cpu.InterleavingResult;
import course.cpu.Instruction;
import course.cpu.Opcode;
import course.cpu.CpuPhase;
import course.cpu.Program;
import course.cpu.Register;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables and pictures of the CPU simulator: step tables, a CPU + RAM diagram, interleaving outcomes.
 *
 * <p>CPU 模拟器的表格和图：{@link #table(List)} 把每一步变成一行；{@link #picture(CpuStep)} 画出 CPU 和内存，
 * 高亮当前指令；{@link #table(InterleavingResult)} 和 {@link #outcomes(InterleavingResult)}
 * 列出、画出穷举交错得到的各个结局。{@link #data(List)} 给出同样的步骤表格（Tablesaw），可以在上面计算。
 *
 * <p>Thread-safety: stateless; each call draws from the immutable steps and results it is given.
 */
public final class CpuCharts {

    private static final Color CODE_HI = new Color(0xFFE08A);
    private static final Color DATA_HI = new Color(0xB7E4A7);
    private static final Color REG_HI = new Color(0xB7E4A7);
    private static final Color BOX = new Color(0xF3F6FA);
    private static final Color EDGE = new Color(0x4E79A7);
    private static final Color ARROW = new Color(0xE15759);

    private CpuCharts() {
    }

    /** The trace as a Tablesaw table, to compute on: one row per step. */
    public static Table data(List<CpuStep> trace) {
        boolean threads = trace.stream().anyMatch(s -> s.thread() > 0);
        boolean d = trace.stream().anyMatch(s -> s.program().uses(Register.D));
        Table t = Table.create("CPU 执行过程：每一行是一步（取指 / 译码 / 执行）");
        t.addColumns(IntColumn.create("步"));
        if (threads) {
            t.addColumns(StringColumn.create("线程"));
        }
        t.addColumns(StringColumn.create("阶段"), IntColumn.create("指令地址"), IntColumn.create("PC（之后）"),
                StringColumn.create("IR"), LongColumn.create("A"), LongColumn.create("B"), LongColumn.create("C"));
        if (d) {
            t.addColumns(LongColumn.create("D"));
        }
        t.addColumns(StringColumn.create("写内存"), StringColumn.create("说明"));
        for (CpuStep s : trace) {
            t.intColumn("步").append(s.number());
            if (threads) {
                t.stringColumn("线程").append(s.threadName());
            }
            t.stringColumn("阶段").append(s.phase().chinese());
            t.intColumn("指令地址").append(s.address());
            t.intColumn("PC（之后）").append(s.pc());
            t.stringColumn("IR").append(s.ir());
            t.longColumn("A").append(s.register(Register.A));
            t.longColumn("B").append(s.register(Register.B));
            t.longColumn("C").append(s.register(Register.C));
            if (d) {
                t.longColumn("D").append(s.register(Register.D));
            }
            t.stringColumn("写内存").append(s.written() == null ? "" : s.written().toString());
            t.stringColumn("说明").append(s.note());
        }
        return t;
    }

    /** The trace as an HTML table, ready to be a cell's result. */
    public static Html table(List<CpuStep> trace) {
        return Tables.html(data(trace));
    }

    /** A diagram of the CPU and RAM after {@code step}, with the current instruction highlighted. */
    public static BufferedImage picture(CpuStep step) {
        String title = "第 " + step.number() + " 步 · " + step.phase().chinese()
                + " · 线程 " + step.threadName();
        return draw(step.program(), step.pc(), step.ir(), step.phase(), step.address(), step.registers(),
                step.memory(), step.written() == null ? -1 : step.written().address(), title, step.note());
    }

    /** A diagram of the CPU's current state (thread 0): after its last step, or before the first. */
    public static BufferedImage picture(Cpu cpu) {
        CpuStep last = cpu.lastStep();
        if (last != null && last.thread() == 0) {
            return picture(last);
        }
        Map<Register, Long> regs = new EnumMap<>(Register.class);
        for (Register r : Register.values()) {
            regs.put(r, cpu.register(0, r));
        }
        return draw(cpu.program(), cpu.pc(), "", null, cpu.pc(), regs, cpu.memory(), -1,
                "开始之前：PC 指向第一条指令", "PC = " + cpu.pc());
    }

    private static BufferedImage draw(Program p, int pc, String ir, CpuPhase phase, int address,
                                      Map<Register, Long> regs, SortedMap<Integer, Long> memory, int written,
                                      String title, String note) {
        List<Instruction> code = p.instructions();
        int first = 0;
        int maxCode = 14;
        if (code.size() > maxCode) {
            int cur = Math.max(0, (address - p.start()) / Program.WORD);
            first = Math.max(0, Math.min(code.size() - maxCode, cur - maxCode / 2));
        }
        List<Instruction> shownCode = code.subList(first, Math.min(code.size(), first + maxCode));
        List<Map.Entry<Integer, Long>> data = new ArrayList<>(memory.entrySet());
        if (data.size() > 10) {
            data = data.subList(0, 10);
        }
        int rowH = 26;
        int rows = shownCode.size() + 1 + data.size() + (first > 0 ? 1 : 0)
                + (first + shownCode.size() < code.size() ? 1 : 0);
        int ramTop = 110;
        int height = Math.max(470, ramTop + 40 + rows * rowH + 30);
        int width = 940;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.paper(img);
        try {
            Font titleFont = Fonts.cjk(Font.BOLD, 20);
            Font font = Fonts.cjk(Font.PLAIN, 14);
            Font bold = Fonts.cjk(Font.BOLD, 15);
            Font mono = new Font(Font.MONOSPACED, Font.BOLD, 15);
            g.setColor(Color.DARK_GRAY);
            g.setFont(titleFont);
            g.drawString(title, 24, 34);
            g.setFont(font);
            g.drawString(fit(g, note, width - 48), 24, 62);

            // CPU box
            int cx = 24, cy = ramTop, cw = 400, ch = 330;
            box(g, cx, cy, cw, ch, BOX, EDGE);
            g.setFont(bold);
            g.setColor(EDGE);
            g.drawString("CPU（中央处理器）", cx + 12, cy + 24);
            // PC and IR
            int[] pcBox = {cx + 16, cy + 40, 150, 50};
            int[] irBox = {cx + 180, cy + 40, 204, 50};
            boolean fetch = phase == CpuPhase.FETCH;
            labelled(g, pcBox, "PC 程序计数器", String.valueOf(pc), phase == CpuPhase.EXECUTE ? REG_HI : Color.WHITE, font, mono);
            labelled(g, irBox, "IR 指令寄存器", ir, fetch ? CODE_HI : Color.WHITE, font, mono);
            // registers
            Register dest = null;
            Instruction cur = p.at(address);
            if (phase == CpuPhase.EXECUTE && cur != null && cur.opcode() != Opcode.STORE && cur.r1() != null
                    && cur.opcode() != Opcode.JZ && cur.opcode() != Opcode.JNZ) {
                dest = cur.r1();
            }
            Map<Register, int[]> regBoxes = new LinkedHashMap<>();
            int rx = cx + 16;
            for (Register r : Register.values()) {
                int[] b = {rx, cy + 130, 86, 50};
                regBoxes.put(r, b);
                labelled(g, b, "寄存器 " + r, String.valueOf(regs.get(r)), r == dest ? REG_HI : Color.WHITE, font, mono);
                rx += 94;
            }
            g.setFont(font);
            g.setColor(Color.DARK_GRAY);
            g.drawString("数据寄存器（data registers）", cx + 16, cy + 122);
            // ALU trapezoid
            int ax = cx + 110, ay = cy + 225;
            boolean aluBusy = phase == CpuPhase.EXECUTE && cur != null && switch (cur.opcode()) {
                case ADD, SUB, MUL, ADDI -> true;
                default -> false;
            };
            Polygon alu = new Polygon(new int[]{ax, ax + 180, ax + 150, ax + 30}, new int[]{ay, ay, ay + 70, ay + 70}, 4);
            g.setColor(aluBusy ? REG_HI : Color.WHITE);
            g.fillPolygon(alu);
            g.setColor(EDGE);
            g.setStroke(new BasicStroke(2f));
            g.drawPolygon(alu);
            g.setFont(bold);
            g.setColor(Color.DARK_GRAY);
            centre(g, "ALU 算术逻辑单元", ax + 90, ay + 32);
            g.setFont(font);
            centre(g, aluBusy ? cur.opcode() + " 计算中" : "", ax + 90, ay + 54);

            // RAM box
            int mx = 520, mw = 396;
            int mh = 40 + rows * rowH + 10;
            box(g, mx, ramTop, mw, mh, BOX, EDGE);
            g.setFont(bold);
            g.setColor(EDGE);
            g.drawString("RAM 内存（地址：内容）", mx + 12, ramTop + 24);
            int y = ramTop + 40;
            Map<Integer, Integer> rowY = new LinkedHashMap<>();
            g.setFont(mono);
            if (first > 0) {
                g.setColor(Color.GRAY);
                g.drawString("   …", mx + 16, y + 18);
                y += rowH;
            }
            for (Instruction i : shownCode) {
                boolean hi = i.address() == address && phase != null;
                row(g, mx + 8, y, mw - 16, rowH, String.format(Locale.ROOT, "%5d", i.address()), i.text(), hi ? CODE_HI : Color.WHITE, mono);
                if (i.address() == pc) {
                    g.setFont(font);
                    g.setColor(ARROW);
                    g.drawString("← PC", mx + mw - 64, y + 18);
                    g.setFont(mono);
                }
                rowY.put(i.address(), y);
                y += rowH;
            }
            if (first + shownCode.size() < code.size()) {
                g.setColor(Color.GRAY);
                g.drawString("   …", mx + 16, y + 18);
                y += rowH;
            }
            if (pc == p.end()) {
                g.setFont(font);
                g.setColor(ARROW);
                g.drawString("PC = " + pc + "：程序之外，结束", mx + mw - 230, y + 18);
                g.setFont(mono);
            }
            g.setColor(Color.GRAY);
            g.drawString("   …", mx + 16, y + 18);
            y += rowH;
            for (Map.Entry<Integer, Long> e : data) {
                boolean hi = e.getKey() == written;
                row(g, mx + 8, y, mw - 16, rowH, String.format(Locale.ROOT, "%5d", e.getKey()), word(p, e.getKey(), e.getValue()),
                        hi ? DATA_HI : Color.WHITE, mono);
                rowY.put(e.getKey(), y);
                y += rowH;
            }

            // arrows for the bus transfer of this step
            g.setStroke(new BasicStroke(3f));
            g.setColor(ARROW);
            if (fetch && rowY.containsKey(address)) {
                arrow(g, mx + 8, rowY.get(address) + rowH / 2, irBox[0] + irBox[2], irBox[1] + irBox[3] / 2);
            } else if (phase == CpuPhase.EXECUTE && cur != null && (cur.opcode() == Opcode.LOAD || cur.opcode() == Opcode.STORE)
                    && rowY.containsKey((int) cur.number())) {
                int[] b = regBoxes.get(cur.r1());
                int ry = rowY.get((int) cur.number()) + rowH / 2;
                int bx = b[0] + b[2] / 2;
                int bottom = b[1] + b[3];
                int laneX = cx + cw + 30;
                int laneY = bottom + 14;
                int[] xs = {mx + 8, laneX, laneX, bx, bx};
                int[] ys = {ry, ry, laneY, laneY, bottom};
                if (cur.opcode() == Opcode.STORE) {
                    reverse(xs);
                    reverse(ys);
                }
                g.drawPolyline(xs, ys, xs.length);
                arrowHead(g, xs[3], ys[3], xs[4], ys[4]);
            }
            g.setFont(font);
            g.setColor(Color.GRAY);
            g.drawString("黄色：当前指令    绿色：这一步写入的寄存器 / 内存    红色箭头：数据经总线搬运的方向",
                    24, height - 14);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A data word as the RAM box shows it; a lock word also says who holds it. */
    private static String word(Program p, int address, long value) {
        if (!p.lockAddresses().contains(address)) {
            return String.valueOf(value);
        }
        return value + (value == 0 ? "（锁：空着）" : "（锁：T" + value + " 拿着）");
    }

    private static String fit(Graphics2D g, String s, int width) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && m.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private static void box(Graphics2D g, int x, int y, int w, int h, Color fill, Color edge) {
        g.setColor(fill);
        g.fillRoundRect(x, y, w, h, 14, 14);
        g.setColor(edge);
        g.setStroke(new BasicStroke(2f));
        g.drawRoundRect(x, y, w, h, 14, 14);
    }

    private static void labelled(Graphics2D g, int[] b, String label, String value, Color fill, Font font, Font mono) {
        g.setColor(fill);
        g.fillRect(b[0], b[1], b[2], b[3]);
        g.setColor(EDGE);
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect(b[0], b[1], b[2], b[3]);
        g.setFont(font.deriveFont(12f));
        g.setColor(Color.GRAY);
        g.drawString(label, b[0] + 6, b[1] + 16);
        g.setFont(mono);
        g.setColor(Color.BLACK);
        g.drawString(fit(g, value, b[2] - 12), b[0] + 6, b[1] + 40);
    }

    private static void row(Graphics2D g, int x, int y, int w, int h, String addr, String content, Color fill, Font mono) {
        g.setColor(fill);
        g.fillRect(x, y, w - 70, h - 2);
        g.setColor(new Color(0xC8D3E0));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w - 70, h - 2);
        g.setFont(mono);
        g.setColor(Color.GRAY);
        g.drawString(addr, x + 4, y + 18);
        g.setColor(Color.BLACK);
        g.drawString(content, x + 70, y + 18);
    }

    private static void centre(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }

    private static void arrow(Graphics2D g, int x1, int y1, int x2, int y2) {
        g.drawLine(x1, y1, x2, y2);
        arrowHead(g, x1, y1, x2, y2);
    }

    private static void arrowHead(Graphics2D g, int x1, int y1, int x2, int y2) {
        double a = Math.atan2(y2 - y1, x2 - x1);
        int len = 12;
        int[] xs = {x2, (int) (x2 - len * Math.cos(a - 0.4)), (int) (x2 - len * Math.cos(a + 0.4))};
        int[] ys = {y2, (int) (y2 - len * Math.sin(a - 0.4)), (int) (y2 - len * Math.sin(a + 0.4))};
        g.fillPolygon(xs, ys, 3);
    }

    /** The outcomes of an interleaving enumeration as a table: value, count, share, example. */
    public static Html table(InterleavingResult report) {
        Table t = Table.create(report.threads() + " 个线程，共 " + report.totalText() + " 种交错：内存[" + report.address()
                + "] 的结局");
        StringColumn v = StringColumn.create("结局");
        StringColumn c = StringColumn.create("交错数");
        StringColumn share = StringColumn.create("占比");
        StringColumn ex = StringColumn.create("一个例子（每项 = 哪个线程执行一整条指令）");
        for (InterleavingOutcome o : report.outcomes()) {
            v.append(o.label());
            c.append(o.countText());
            share.append(report.endless() ? "" : String.format(Locale.ROOT, "%.1f %%", 100.0 * o.count() / report.total()));
            ex.append(o.exampleText());
        }
        t.addColumns(v, c, share, ex);
        return Tables.html(t);
    }

    /** The outcomes of an interleaving enumeration as a bar chart: how many interleavings end at each value. */
    public static BufferedImage outcomes(InterleavingResult report) {
        Args.check(!report.endless(), "report", "endless", "have finitely many interleavings",
                "有的调度能让线程永远转圈，交错有无穷多种，画不出交错数：请用 CpuCharts.table(…) 看结局和例子");
        Map<String, Long> bars = new LinkedHashMap<>();
        report.outcomes().forEach(o -> bars.put(o.kind() == InterleavingOutcome.Kind.FINISHED ? String.valueOf(o.value())
                : o.label(), o.count()));
        return Charts.bars(report.threads() + " 个线程的所有交错（共 " + report.totalText() + " 种）的最终结果",
                "内存[" + report.address() + "] 的最终值", "交错数（种）", bars);
    }
}
