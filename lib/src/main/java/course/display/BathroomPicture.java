package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import course.deadlock.LockSnapshot;

/**
 * Draws a {@link LockSnapshot} as the source tutorial's bathroom: the shared data is the room, the lock is on its
 * door, the thread holding the lock is inside and the threads waiting for it queue outside.
 *
 * <p>原教程的比方画成图：卫生间 = 共享数据，门上的锁 = 互斥锁，里面的人 = 持有锁的线程，
 * 门口排队的人 = 等锁的线程（状态 {@code WAITING} 或 {@code BLOCKED}）。
 *
 * <p>Thread-safety: stateless; each call draws its own image.
 */
final class BathroomPicture {

    static final int WIDTH = 760;
    static final int HEIGHT = 420;
    static final Color ROOM = new Color(0xEAF2FA);
    static final Color LOCKED = new Color(0xE15759);
    static final Color OPEN = new Color(0x59A14F);
    static final Color PERSON = new Color(0x4E79A7);
    static final Color WAITING = new Color(0xF28E2B);
    static final Color GONE = new Color(0xBAB0AC);
    /** People drawn in the queue; more are summarised as "…还有 N 人". */
    static final int MAX_QUEUE = 4;

    private BathroomPicture() {
    }

    /** The title and every label the picture shows, in drawing order (what a test checks). */
    static List<String> labels(LockSnapshot s) {
        List<String> out = new ArrayList<>();
        out.add(title(s));
        out.add("卫生间 = 共享数据");
        out.add((s.locked() ? "锁着" : "开着") + "（" + s.kind() + "）");
        if (s.holder() != null) {
            out.add(s.holder().name());
            out.add("持有锁，" + state(s.holder()));
        }
        out.add("门口排队：等锁的线程");
        List<LockSnapshot.Person> shown = s.waiting().subList(0, Math.min(MAX_QUEUE, s.waiting().size()));
        for (LockSnapshot.Person p : shown) {
            out.add(p.name());
            out.add(state(p));
        }
        if (s.waiting().size() > shown.size()) {
            out.add("…还有 " + (s.waiting().size() - shown.size()) + " 人");
        }
        if (s.holder() != null && s.holder().state() == Thread.State.TERMINATED) {
            out.add("锁的主人已经结束了，没有人会再开这把锁");
        }
        out.add("人 = 线程　卫生间 = 共享数据　门锁 = 互斥锁　门口的队伍 = 等锁的线程");
        return out;
    }

    static BufferedImage draw(LockSnapshot s) {
        List<String> labels = labels(s);
        int next = 0;
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.paper(img);
        try {
            String family = Fonts.cjkFamily();
            g.setColor(Color.BLACK);
            g.setFont(new Font(family, Font.BOLD, 19));
            centre(g, labels.get(next++), WIDTH / 2, 34);
            // the room (shared data) and its door
            int roomX = 40;
            int roomY = 70;
            int roomW = 250;
            int roomH = 270;
            int doorTop = roomY + 90;
            int doorBottom = roomY + 210;
            g.setColor(ROOM);
            g.fillRoundRect(roomX, roomY, roomW, roomH, 18, 18);
            g.setColor(PERSON.darker());
            g.setStroke(new BasicStroke(4f));
            g.drawLine(roomX + roomW, roomY, roomX + roomW, doorTop);
            g.drawLine(roomX + roomW, doorBottom, roomX + roomW, roomY + roomH);
            g.drawLine(roomX, roomY, roomX + roomW, roomY);
            g.drawLine(roomX, roomY, roomX, roomY + roomH);
            g.drawLine(roomX, roomY + roomH, roomX + roomW, roomY + roomH);
            g.setFont(new Font(family, Font.BOLD, 16));
            centre(g, labels.get(next++), roomX + roomW / 2, roomY + 28);
            Color doorColour = s.locked() ? LOCKED : OPEN;
            g.setColor(doorColour);
            g.setStroke(new BasicStroke(8f));
            g.drawLine(roomX + roomW, doorTop, roomX + roomW, doorBottom);
            padlock(g, roomX + roomW, (doorTop + doorBottom) / 2, s.locked(), doorColour);
            g.setFont(new Font(family, Font.BOLD, 14));
            g.setColor(doorColour);
            g.drawString(labels.get(next++), roomX + roomW + 14, roomY + roomH - 6);
            if (s.holder() != null) {
                boolean gone = s.holder().state() == Thread.State.TERMINATED;
                person(g, family, roomX + roomW / 2 - 20, roomY + 150, gone ? GONE : PERSON,
                        labels.get(next++), labels.get(next++));
            }
            // the queue outside the door
            g.setFont(new Font(family, Font.BOLD, 15));
            g.setColor(WAITING.darker());
            int queueX = roomX + roomW + 70;
            g.drawString(labels.get(next++), queueX - 20, roomY + 40);
            List<LockSnapshot.Person> shown = s.waiting().subList(0, Math.min(MAX_QUEUE, s.waiting().size()));
            int step = 86;
            for (int i = 0; i < shown.size(); i++) {
                person(g, family, queueX + 10 + i * step, roomY + 150, WAITING, labels.get(next++), labels.get(next++));
            }
            if (!shown.isEmpty()) {
                g.setColor(WAITING.darker());
                g.setStroke(new BasicStroke(2.5f));
                int ay = roomY + 120;
                g.drawLine(queueX - 8, ay, roomX + roomW + 16, ay);
                g.fillPolygon(new int[]{roomX + roomW + 10, roomX + roomW + 22, roomX + roomW + 22},
                        new int[]{ay, ay - 6, ay + 6}, 3);
            }
            if (s.waiting().size() > shown.size()) {
                g.setFont(new Font(family, Font.PLAIN, 14));
                g.drawString(labels.get(next++), queueX + shown.size() * step - 20, roomY + 160);
            }
            g.setFont(new Font(family, Font.PLAIN, 14));
            if (s.holder() != null && s.holder().state() == Thread.State.TERMINATED) {
                g.setColor(LOCKED);
                g.drawString(labels.get(next++), roomX, roomY + roomH + 28);
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(family, Font.PLAIN, 13));
            centre(g, labels.get(next), WIDTH / 2, HEIGHT - 14);
            return img;
        } finally {
            g.dispose();
        }
    }

    private static String title(LockSnapshot s) {
        String inside = s.holder() == null ? (s.locked() ? "门锁着" : "里面没有人")
                : s.holder().state() == Thread.State.TERMINATED ? s.holder().name() + " 已经结束了，门却还锁着"
                : s.holder().name() + " 在里面";
        return s.lock() + "：" + inside + "，" + s.waiting().size() + " 个线程在门口排队";
    }

    private static String state(LockSnapshot.Person p) {
        return p.state() == null ? "状态未知" : p.state().toString();
    }

    /** A person: head and body in {@code colour}, the name below, the state below that. */
    private static void person(Graphics2D g, String family, int x, int y, Color colour, String name, String state) {
        g.setColor(colour);
        g.fillOval(x - 15, y - 62, 30, 30);
        g.fillRoundRect(x - 24, y - 28, 48, 52, 20, 20);
        g.setColor(Color.BLACK);
        g.setFont(new Font(family, Font.BOLD, 15));
        centre(g, name, x, y + 46);
        g.setColor(colour.darker());
        g.setFont(new Font(family, Font.PLAIN, 12));
        centre(g, state, x, y + 64);
    }

    /** A padlock centred on (x, y): shut when locked, its shackle lifted when open. */
    private static void padlock(Graphics2D g, int x, int y, boolean locked, Color colour) {
        g.setColor(Color.WHITE);
        g.fillRoundRect(x - 15, y - 6, 30, 24, 6, 6);
        g.setColor(colour);
        g.setStroke(new BasicStroke(3f));
        g.drawRoundRect(x - 15, y - 6, 30, 24, 6, 6);
        int lift = locked ? 0 : 8;
        g.drawArc(x - 9, y - 22 - lift, 18, 26, 0, 180);
        g.drawLine(x - 9, y - 9 - lift, x - 9, y - 6 - (locked ? 0 : lift));
        if (locked) {
            g.drawLine(x + 9, y - 9, x + 9, y - 6);
        }
        g.fillOval(x - 3, y + 2, 6, 6);
    }

    private static void centre(Graphics2D g, String text, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, x - fm.stringWidth(text) / 2, y);
    }
}
