package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The executor family as a picture: Java's {@code Executor} types beside Python's {@code concurrent.futures}.
 *
 * <p>执行器（executor）家族的图：左边是 Java 的 {@code java.util.concurrent}——{@code Executor} →
 * {@code ExecutorService} → {@code ThreadPoolExecutor} / {@code ScheduledThreadPoolExecutor} / {@code ForkJoinPool}，
 * 箭头从子类型指向它继承或实现的类型，是运行时用反射从 JDK 里读出来的，不是手画的；右边是原教程用的 Python
 * {@code concurrent.futures}：{@code Executor} → {@code ThreadPoolExecutor} / {@code ProcessPoolExecutor}。
 *
 * <p>Thread-safety: stateless.
 */
public final class ExecutorCharts {

    /** The Java types drawn, each at its place (centre x, centre y) on the left half. */
    static final Map<Class<?>, int[]> JAVA = new LinkedHashMap<>();

    static {
        JAVA.put(Executor.class, new int[]{270, 100});
        JAVA.put(ExecutorService.class, new int[]{270, 185});
        JAVA.put(AbstractExecutorService.class, new int[]{150, 280});
        JAVA.put(ScheduledExecutorService.class, new int[]{435, 280});
        JAVA.put(ForkJoinPool.class, new int[]{80, 380});
        JAVA.put(ThreadPoolExecutor.class, new int[]{270, 380});
        JAVA.put(ScheduledThreadPoolExecutor.class, new int[]{400, 480});
    }

    /** What one Java type is used for in the course, written under its box. */
    static final Map<Class<?>, String> JAVA_NOTES = Map.of(
            ThreadPoolExecutor.class, "Executors.newFixedThreadPool 返回它",
            ScheduledThreadPoolExecutor.class, "定时、周期执行的任务",
            ForkJoinPool.class, "parallelStream() 的公共池");

    static final int WIDTH = 980;
    static final int HEIGHT = 560;
    static final Color INTERFACE = new Color(0x4E79A7);
    static final Color ABSTRACT = new Color(0x76B7B2);
    static final Color CLASS = new Color(0xF28E2B);

    private ExecutorCharts() {
    }

    /** One "extends or implements" arrow: from the subtype to the supertype. */
    record Edge(Class<?> from, Class<?> to) {
    }

    /** The arrows among the drawn Java types, read from the JDK by reflection (direct superclass and interfaces). */
    static List<Edge> javaEdges() {
        List<Edge> edges = new ArrayList<>();
        for (Class<?> c : JAVA.keySet()) {
            List<Class<?>> parents = new ArrayList<>(List.of(c.getInterfaces()));
            if (c.getSuperclass() != null) {
                parents.add(c.getSuperclass());
            }
            for (Class<?> p : parents) {
                if (JAVA.containsKey(p)) {
                    edges.add(new Edge(c, p));
                }
            }
        }
        return edges;
    }

    /** «接口», «抽象类» or «类», as the JDK declares the type. */
    static String kind(Class<?> c) {
        return c.isInterface() ? "«接口»" : Modifier.isAbstract(c.getModifiers()) ? "«抽象类»" : "«类»";
    }

    /** The picture: Java on the left, Python on the right. */
    public static BufferedImage family() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.paper(img);
        try {
            String family = Fonts.cjkFamily();
            g.setColor(Color.BLACK);
            g.setFont(new Font(family, Font.BOLD, 20));
            Drawing.centre(g, "执行器（Executor）家族：Java 和 Python", WIDTH / 2, 32);
            g.setFont(new Font(family, Font.BOLD, 15));
            Drawing.centre(g, "Java：java.util.concurrent", 270, 62);
            Drawing.centre(g, "Python：concurrent.futures（原教程）", 800, 62);
            g.setColor(new Color(0xCCCCCC));
            g.drawLine(600, 50, 600, HEIGHT - 40);

            Font name = new Font(family, Font.BOLD, 13);
            Font small = new Font(family, Font.PLAIN, 11);
            for (Edge e : javaEdges()) {
                int[] a = JAVA.get(e.from());
                int[] b = JAVA.get(e.to());
                arrow(g, a[0], a[1] - 22, b[0], b[1] + (JAVA_NOTES.containsKey(e.to()) ? 36 : 22));
            }
            JAVA.forEach((c, at) -> {
                Color fill = c.isInterface() ? INTERFACE : Modifier.isAbstract(c.getModifiers()) ? ABSTRACT : CLASS;
                box(g, name, small, at[0], at[1], kind(c), c.getSimpleName(), fill, JAVA_NOTES.get(c), true);
            });

            arrow(g, 710, 258, 800, 192);
            arrow(g, 890, 258, 800, 192);
            box(g, name, small, 800, 170, "«抽象类»", "Executor", ABSTRACT, null, false);
            box(g, name, small, 710, 280, "«类»", "ThreadPoolExecutor", CLASS, "≈ Java 的 ThreadPoolExecutor", false);
            box(g, name, small, 890, 280, "«类»", "ProcessPoolExecutor", CLASS, null, false);
            g.setFont(small);
            g.setColor(Color.DARK_GRAY);
            Drawing.centre(g, "Java 标准库没有进程池；", 890, 325);
            Drawing.centre(g, "课程库的 ProcessPool（第 14 节）", 890, 341);

            g.setFont(new Font(family, Font.PLAIN, 12));
            int y = HEIGHT - 16;
            legend(g, INTERFACE, "接口", 20, y);
            legend(g, ABSTRACT, "抽象类", 90, y);
            legend(g, CLASS, "类", 175, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString("箭头：子类型 → 它继承或实现的类型（Java 这一半是从 JDK 里用反射读出来的）", 230, y);
            return img;
        } finally {
            g.dispose();
        }
    }

    /** A box centred at (cx, cy) with the kind and the name; the note goes inside (third line) or under it. */
    private static void box(Graphics2D g, Font name, Font small, int cx, int cy, String kind, String title, Color fill,
                            String note, boolean noteInside) {
        g.setFont(name);
        int w = Math.max(g.getFontMetrics().stringWidth(title), 60) + 24;
        if (note != null && noteInside) {
            w = Math.max(w, g.getFontMetrics(small).stringWidth(note) + 20);
        }
        int h = note != null && noteInside ? 58 : 44;
        int top = cy - 22;
        g.setColor(fill);
        g.fillRoundRect(cx - w / 2, top, w, h, 12, 12);
        g.setColor(Color.WHITE);
        g.setFont(small);
        Drawing.centre(g, kind, cx, top + 17);
        g.setFont(name);
        Drawing.centre(g, title, cx, top + 35);
        if (note != null) {
            g.setFont(small);
            g.setColor(noteInside ? Color.WHITE : Color.DARK_GRAY);
            Drawing.centre(g, note, cx, noteInside ? top + 51 : top + h + 15);
        }
    }

    private static void legend(Graphics2D g, Color c, String text, int x, int y) {
        g.setColor(c);
        g.fillRect(x, y - 11, 12, 12);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, x + 16, y);
    }

    private static void arrow(Graphics2D g, double x1, double y1, double x2, double y2) {
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine((int) x1, (int) y1, (int) x2, (int) y2);
        Path2D head = new Path2D.Double();
        head.moveTo(0, 0);
        head.lineTo(-12, -6);
        head.lineTo(-12, 6);
        head.closePath();
        AffineTransform at = new AffineTransform();
        at.translate(x2, y2);
        at.rotate(Math.atan2(y2 - y1, x2 - x1));
        g.fill(at.createTransformedShape(head));
    }
}
