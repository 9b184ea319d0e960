package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import course.deadlock.DeadlockSnapshot;
import course.deadlock.PhilosophersResult;

/**
 * Draws a {@link PhilosophersResult} as the round table: philosophers around it, a chopstick between each two
 * neighbours, and, when the dinner deadlocked, who held which chopstick and waited for which.
 *
 * <p>哲学家就餐画成圆桌：外圈是哲学家（下面写着吃了几顿），桌上是筷子。发生死锁时，蓝色实线连着
 * 哲学家和他手里的筷子，红色虚线箭头指向他在等的筷子：箭头绕桌子一圈，就是等待环。
 *
 * <p>Thread-safety: stateless; each call draws its own image.
 */
final class PhilosophersPicture {

    static final int WIDTH = 760;
    static final int HEIGHT = 510;
    static final Color TABLE = new Color(0xF3E5C8);
    static final Color STICK = new Color(0x9C755F);

    /** One line of the picture: a philosopher holds or waits for a chopstick. */
    record Arrow(String philosopher, String chopstick, boolean waits) {
        @Override
        public String toString() {
            return philosopher + (waits ? " 等待 " : " 持有 ") + chopstick;
        }
    }

    private PhilosophersPicture() {
    }

    /** The title of the picture. */
    static String title(PhilosophersResult r) {
        String what = r.strategy().shortName();
        if (r.deadlocked()) {
            return "哲学家就餐（" + what + "）：每人拿着左手的筷子，等右手的——绕桌一圈";
        }
        return String.format(Locale.ROOT, "哲学家就餐（%s）：%s", what,
                r.finished() ? "每人都吃完了 " + r.mealsEach() + " 顿" : "没有全部吃完");
    }

    /** The rule the philosophers followed, with the waiter's number of seats filled in. */
    static String subtitle(PhilosophersResult r) {
        return r.strategy().chinese().replace("n − 1", String.valueOf(r.philosophers().size() - 1));
    }

    /** What each philosopher's label under his name says. */
    static List<String> mealLabels(PhilosophersResult r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.philosophers().size(); i++) {
            out.add(r.broken().contains(r.philosophers().get(i)) ? "被打断，离席" : "吃了 " + r.meals().get(i) + " 顿");
        }
        return out;
    }

    /** The holds and waits drawn, from the deadlock snapshot (none when there was no deadlock). */
    static List<Arrow> arrows(PhilosophersResult r) {
        List<Arrow> out = new ArrayList<>();
        DeadlockSnapshot s = r.snapshot();
        s.holds().forEach((who, sticks) -> sticks.forEach(stick -> out.add(new Arrow(who, stick, false))));
        s.edges().forEach(e -> out.add(new Arrow(e.thread(), e.lock(), true)));
        return out;
    }

    static BufferedImage draw(PhilosophersResult r) {
        int n = r.philosophers().size();
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0 + 28;
        double[][] seat = new double[n][];
        double[][] stick = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            seat[i] = new double[]{cx + 165 * Math.cos(a), cy + 165 * Math.sin(a), a};
            double b = a - Math.PI / n;
            stick[i] = new double[]{cx + 92 * Math.cos(b), cy + 92 * Math.sin(b), b};
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.paper(img);
        try {
            String family = Fonts.cjkFamily();
            g.setColor(Color.BLACK);
            g.setFont(new Font(family, Font.BOLD, 18));
            Drawing.centre(g, title(r), (int) cx, 30);
            g.setFont(new Font(family, Font.PLAIN, 13));
            g.setColor(Color.DARK_GRAY);
            Drawing.centre(g, subtitle(r), (int) cx, 50);
            g.setColor(TABLE);
            g.fillOval((int) cx - 128, (int) cy - 128, 256, 256);
            for (Arrow arrow : arrows(r)) {
                int p = r.philosophers().indexOf(arrow.philosopher());
                int c = r.chopsticks().indexOf(arrow.chopstick());
                if (p >= 0 && c >= 0) {
                    line(g, seat[p], stick[c], arrow.waits());
                }
            }
            g.setStroke(new BasicStroke(6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setFont(new Font(family, Font.PLAIN, 13));
            for (int i = 0; i < n; i++) {
                double[] s = stick[i];
                double dx = Math.cos(s[2]) * 22;
                double dy = Math.sin(s[2]) * 22;
                g.setColor(STICK);
                g.drawLine((int) (s[0] - dx), (int) (s[1] - dy), (int) (s[0] + dx), (int) (s[1] + dy));
                g.setColor(STICK.darker());
                Drawing.centre(g, r.chopsticks().get(i), (int) (cx + 42 * Math.cos(s[2])), (int) (cy + 42 * Math.sin(s[2])) + 5);
            }
            List<String> meals = mealLabels(r);
            for (int i = 0; i < n; i++) {
                boolean left = r.broken().contains(r.philosophers().get(i));
                g.setColor(left ? BathroomPicture.GONE : DeadlockCharts.THREAD);
                g.fillOval((int) seat[i][0] - 32, (int) seat[i][1] - 32, 64, 64);
                g.setColor(Color.WHITE);
                g.setFont(new Font(family, Font.BOLD, 16));
                Drawing.centre(g, r.philosophers().get(i), (int) seat[i][0], (int) seat[i][1] + 6);
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(family, Font.PLAIN, 13));
                double out = seat[i][2];
                int half = g.getFontMetrics().stringWidth(meals.get(i)) / 2;
                Drawing.centre(g, meals.get(i), (int) (seat[i][0] + (40 + half) * Math.cos(out)),
                        (int) (seat[i][1] + 46 * Math.sin(out)) + 5);
            }
            if (r.deadlocked()) {
                g.setFont(new Font(family, Font.PLAIN, 13));
                g.setColor(DeadlockCharts.HELD);
                g.drawString("——  哲学家拿着这根筷子", 16, 84);
                g.setColor(DeadlockCharts.WAITS);
                g.drawString("- - → 哲学家在等这根筷子", 16, 104);
                g.setColor(Color.DARK_GRAY);
                g.drawString("（看门狗发现死锁的那一刻）", 16, 124);
            }
            return img;
        } finally {
            g.dispose();
        }
    }

    /** A solid line (holds) or a dashed arrow (waits for) from a philosopher to a chopstick. */
    private static void line(Graphics2D g, double[] from, double[] to, boolean waits) {
        double dx = to[0] - from[0];
        double dy = to[1] - from[1];
        double len = Math.hypot(dx, dy);
        double x1 = from[0] + dx / len * 34;
        double y1 = from[1] + dy / len * 34;
        double x2 = to[0] - dx / len * 10;
        double y2 = to[1] - dy / len * 10;
        g.setColor(waits ? DeadlockCharts.WAITS : DeadlockCharts.HELD);
        g.setStroke(Drawing.edge(waits));
        g.drawLine((int) x1, (int) y1, (int) x2, (int) y2);
        if (waits) {
            Drawing.arrowHead(g, x2, y2, dx, dy, 13, 6);
        }
    }

}
