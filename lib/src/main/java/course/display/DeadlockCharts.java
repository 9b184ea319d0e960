package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import course.deadlock.DeadlockSnapshot;
import course.deadlock.LockSnapshot;

/**
 * The wait-for graph of a deadlock: threads as circles, locks as boxes, "waits for" and "held by" arrows.
 *
 * <p>死锁的等待图：圆圈是线程，方框是锁；红色虚线箭头"等待"从线程指向它在等的锁，
 * 蓝色实线箭头"持有"从锁指向持有它的线程。箭头连成一个环，就是死锁。
 *
 * <p>Thread-safety: stateless; each call draws from the immutable snapshot it is given.
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
        Graphics2D g = Charts.paper(img);
        try {
            String family = Fonts.cjkFamily();
            g.setColor(Color.BLACK);
            g.setFont(new Font(family, Font.BOLD, 20));
            centre(g, snapshot.found() ? "等待图：" + String.join(" → ", snapshot.cycle()) : "等待图：没有发现死锁", w / 2, 32);
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
                centre(g, n, (int) p[0], (int) p[1] + 6);
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

    private static void centre(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
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
        g.setStroke(dashed ? new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{9f, 7f}, 0f)
                : new BasicStroke(3f));
        g.drawLine((int) x1, (int) y1, (int) x2, (int) y2);
        Path2D head = new Path2D.Double();
        head.moveTo(0, 0);
        head.lineTo(-14, -7);
        head.lineTo(-14, 7);
        head.closePath();
        AffineTransform at = new AffineTransform();
        at.translate(x2, y2);
        at.rotate(Math.atan2(dy, dx));
        g.setStroke(new BasicStroke(1f));
        g.fill(at.createTransformedShape(head));
        int lx = (int) ((x1 + x2) / 2 + uy * 16);
        int ly = (int) ((y1 + y2) / 2 - ux * 16);
        centre(g, label, lx, ly + 5);
    }
}
