package course.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import course.base.Args;
import course.deadlock.DeadlockSnapshot;
import course.deadlock.FairnessResult;
import course.deadlock.LockSnapshot;
import course.deadlock.PhilosophersResult;

/**
 * Pictures of locks and what goes wrong with them ({@code course.deadlock}): the wait-for graph of a deadlock, the
 * bathroom of one lock, the dining philosophers' table, and how fairly a lock was shared.
 *
 * <p>锁和死锁的图：{@link #waitFor} 死锁的等待图——圆圈是线程，方框是锁；红色虚线箭头"等待"从线程指向它在等的锁，
 * 蓝色实线箭头"持有"从锁指向持有它的线程，箭头连成一个环，就是死锁。{@link #bathroom} 原教程的卫生间：
 * 谁持有锁、谁在门口排队。{@link #philosophers} 哲学家就餐的圆桌。{@link #fairness} 公平锁和不公平锁下，
 * 每个线程拿到锁的次数。
 *
 * <p>Thread-safety: stateless; each call draws from the immutable result it is given.
 */
public final class DeadlockCharts {

    static final Color THREAD = new Color(0x4E79A7);
    static final Color LOCK = new Color(0xF28E2B);
    static final Color WAITS = new Color(0xE15759);
    static final Color HELD = new Color(0x4E79A7);

    private DeadlockCharts() {
    }

    /** The wait-for graph of {@code snapshot}; a picture saying "没有发现死锁" when it found none. */
    public static BufferedImage waitFor(DeadlockSnapshot snapshot) {
        int w = 640;
        int h = 440;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.titled(img,
                snapshot.found() ? "等待图：" + String.join(" → ", snapshot.cycle()) : "等待图：没有发现死锁", 20, 32);
        try {
            String family = Fonts.cjkFamily();
            if (!snapshot.found()) {
                return img;
            }
            List<String> nodes = nodes(snapshot);
            List<String> threads = snapshot.threadNames();
            Map<String, double[]> pos = new LinkedHashMap<>();
            double cx = w / 2.0;
            double cy = h / 2.0 + 30;
            double r = 140;
            for (int i = 0; i < nodes.size(); i++) {
                double a = -Math.PI / 2 - Math.PI / 4 + 2 * Math.PI * i / nodes.size();
                pos.put(nodes.get(i), new double[]{cx + r * Math.cos(a), cy + r * Math.sin(a)});
            }
            g.setFont(new Font(family, Font.PLAIN, 14));
            for (DeadlockSnapshot.Edge e : snapshot.edges()) {
                arrow(g, pos.get(e.thread()), pos.get(e.lock()), WAITS, true, "等待");
                arrow(g, pos.get(e.lock()), pos.get(e.holder()), HELD, false, "持有");
            }
            g.setFont(new Font(family, Font.BOLD, 15));
            for (String n : nodes) {
                double[] p = pos.get(n);
                if (threads.contains(n)) {
                    g.setColor(THREAD);
                    g.fillOval((int) p[0] - 42, (int) p[1] - 42, 84, 84);
                } else {
                    g.setColor(LOCK);
                    g.fillRoundRect((int) p[0] - 40, (int) p[1] - 24, 80, 48, 12, 12);
                }
                g.setColor(Color.WHITE);
                Drawing.centre(g, n, (int) p[0], (int) p[1] + 6);
            }
            g.setFont(new Font(family, Font.PLAIN, 13));
            g.setColor(WAITS);
            g.drawString("- - → 线程 等待 锁", 16, h - 36);
            g.setColor(HELD);
            g.drawString("——→ 锁 被线程持有", 16, h - 16);
            return img;
        } finally {
            g.dispose();
        }
    }

    /**
     * The nodes of the wait-for graph in the order they are placed on the circle: the cycle (thread, lock,
     * thread, lock, …, without repeating the first), then any other thread or lock an edge names.
     */
    static List<String> nodes(DeadlockSnapshot snapshot) {
        List<String> cycle = snapshot.cycle();
        List<String> nodes = new ArrayList<>(cycle.isEmpty() ? List.of() : cycle.subList(0, cycle.size() - 1));
        for (DeadlockSnapshot.Edge e : snapshot.edges()) {
            for (String n : List.of(e.thread(), e.lock(), e.holder())) {
                if (!nodes.contains(n)) {
                    nodes.add(n);
                }
            }
        }
        return nodes;
    }

    /**
     * The source tutorial's bathroom for one lock: the room is the shared data, the lock is on its door, the
     * thread holding the lock is inside and the threads waiting for it (WAITING / BLOCKED) queue outside.
     */
    public static BufferedImage bathroom(LockSnapshot snapshot) {
        return BathroomPicture.draw(snapshot);
    }

    /**
     * The dining philosophers' round table: who ate how much, and, when the dinner deadlocked, which chopstick each
     * philosopher held and which he waited for.
     */
    public static BufferedImage philosophers(PhilosophersResult result) {
        return PhilosophersPicture.draw(result);
    }

    /**
     * Acquisitions per thread of each fairness measurement, side by side: one group per thread, one bar per lock.
     *
     * @throws IllegalArgumentException when no result is given or they differ in threads or window
     */
    public static BufferedImage fairness(FairnessResult... results) {
        Map<String, Map<String, Long>> series = fairnessSeries(results);
        Charts.GroupedBars chart = Charts.groupedBars(String.format(Locale.ROOT, "每个线程在 %d ms 里拿到锁的次数",
                results[0].window().toMillis()), "线程", "拿到锁的次数");
        series.forEach(chart::series);
        return chart.chart();
    }

    /** Lock label → (线程i → acquisitions): the data {@link #fairness} draws. */
    static Map<String, Map<String, Long>> fairnessSeries(FairnessResult... results) {
        Args.check(results.length > 0, "results", results.length, "not be empty", "至少给一次测量");
        Map<String, Map<String, Long>> series = new LinkedHashMap<>();
        for (FairnessResult r : results) {
            Args.check(r.acquisitions().size() == results[0].acquisitions().size()
                            && r.window().equals(results[0].window()), "results", r.label(),
                    "have the same threads and window", "几次测量的线程数和时间要一样");
            Map<String, Long> perThread = new LinkedHashMap<>();
            for (int t = 0; t < r.acquisitions().size(); t++) {
                perThread.put("线程" + (t + 1), r.acquisitions().get(t));
            }
            series.put(r.label(), perThread);
        }
        return series;
    }

    private static void arrow(Graphics2D g, double[] from, double[] to, Color c, boolean dashed, String label) {
        double dx = to[0] - from[0];
        double dy = to[1] - from[1];
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double x1 = from[0] + ux * 46;
        double y1 = from[1] + uy * 46;
        double x2 = to[0] - ux * 48;
        double y2 = to[1] - uy * 48;
        g.setColor(c);
        g.setStroke(Drawing.edge(dashed));
        g.drawLine((int) x1, (int) y1, (int) x2, (int) y2);
        Drawing.arrowHead(g, x2, y2, dx, dy, 14, 7);
        int lx = (int) ((x1 + x2) / 2 + uy * 16);
        int ly = (int) ((y1 + y2) / 2 - ux * 16);
        Drawing.centre(g, label, lx, ly + 5);
    }
}
