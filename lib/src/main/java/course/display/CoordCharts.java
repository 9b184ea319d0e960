package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import course.base.Args;
import course.coord.WaitSnapshot;
import course.coord.WaitSnapshot.Place;

/**
 * Pictures for the coordination lesson (10): where threads wait, as rooms with the threads inside.
 *
 * <p>第 10 节（线程协作）的图：{@link #rooms(String, WaitSnapshot)} 把某一刻每个线程在哪里等画成几个"房间"：
 * 蓝色的是等待室（在 {@code wait()} / {@code await()} 里等人叫醒），橙色的是门口（排队拿锁），
 * 灰色的是别处（在运行、在别处等、已结束；空的不画）。每个线程是一个小牌子，同一类线程（名字去掉末尾数字相同，
 * 例如"生产者1""生产者2"）颜色相同。
 *
 * <p>Thread-safety: stateless.
 */
public final class CoordCharts {

    static final Color ROOM = new Color(0xE3ECF6);
    static final Color ROOM_EDGE = new Color(0x4E79A7);
    static final Color DOOR = new Color(0xFBE8D5);
    static final Color DOOR_EDGE = new Color(0xF28E2B);
    static final Color ELSEWHERE = new Color(0xEEEEEE);
    static final Color ELSEWHERE_EDGE = new Color(0x999999);
    static final int CHIP_HEIGHT = 26;

    private CoordCharts() {
    }

    /** The places drawn: every wait room and door, and the other places only when someone is there. */
    static List<Place> shown(WaitSnapshot snapshot) {
        return snapshot.places().stream()
                .filter(p -> p.kind() != Place.Kind.ELSEWHERE || !p.threads().isEmpty())
                .toList();
    }

    /** The kind of a thread for its colour: its name without trailing digits ("消费者12" → "消费者"). */
    static String role(String thread) {
        String r = thread.replaceAll("[0-9#\\- ]+$", "");
        return r.isEmpty() ? thread : r;
    }

    /**
     * Rooms with the threads in them.
     *
     * @throws IllegalArgumentException when the title is null
     */
    public static BufferedImage rooms(String title, WaitSnapshot snapshot) {
        Args.notNull("title", title);
        Args.notNull("snapshot", snapshot);
        List<Place> places = shown(snapshot);
        int perRow = Math.min(Math.max(places.size(), 1), 4);
        int rows = (places.size() + perRow - 1) / perRow;
        int most = places.stream().mapToInt(p -> p.threads().size()).max().orElse(0);
        int boxHeight = 58 + Math.max(most, 1) * (CHIP_HEIGHT + 6);
        int w = Charts.WIDTH;
        int h = 60 + Math.max(rows, 1) * (boxHeight + 18) + 30;
        Map<String, Color> roleColours = new LinkedHashMap<>();
        places.forEach(p -> p.threads().forEach(t -> roleColours.computeIfAbsent(role(t),
                r -> Charts.PALETTE[roleColours.size() % Charts.PALETTE.length])));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.paper(img);
        try {
            String family = Fonts.cjkFamily();
            g.setColor(Color.BLACK);
            g.setFont(new Font(family, Font.BOLD, 18));
            Drawing.centre(g, title, w / 2, 34);
            int gap = 14;
            int boxWidth = (w - 2 * 20 - (perRow - 1) * gap) / perRow;
            for (int i = 0; i < places.size(); i++) {
                Place p = places.get(i);
                int x = 20 + (i % perRow) * (boxWidth + gap);
                int y = 56 + (i / perRow) * (boxHeight + 18);
                box(g, family, p, x, y, boxWidth, boxHeight, roleColours);
            }
            g.setFont(new Font(family, Font.PLAIN, 12));
            g.setColor(ROOM_EDGE);
            g.drawString("■ 等待室：在 wait()/await() 里等人叫醒", 20, h - 12);
            g.setColor(DOOR_EDGE);
            g.drawString("■ 门口：排队拿锁", 300, h - 12);
            g.setColor(ELSEWHERE_EDGE);
            g.drawString("■ 别处", 440, h - 12);
            return img;
        } finally {
            g.dispose();
        }
    }

    private static void box(Graphics2D g, String family, Place p, int x, int y, int bw, int bh, Map<String, Color> roles) {
        Color fill = switch (p.kind()) {
            case WAIT_ROOM -> ROOM;
            case DOOR -> DOOR;
            case ELSEWHERE -> ELSEWHERE;
        };
        Color edge = switch (p.kind()) {
            case WAIT_ROOM -> ROOM_EDGE;
            case DOOR -> DOOR_EDGE;
            case ELSEWHERE -> ELSEWHERE_EDGE;
        };
        g.setColor(fill);
        g.fillRoundRect(x, y, bw, bh, 16, 16);
        g.setColor(edge);
        g.setStroke(new BasicStroke(2f));
        g.drawRoundRect(x, y, bw, bh, 16, 16);
        g.setFont(new Font(family, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        Drawing.centre(g, fit(g, p.name(), bw - 12), x + bw / 2, y + 24);
        g.setFont(new Font(family, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        Drawing.centre(g, p.threads().isEmpty() ? "（空）" : p.threads().size() + " 个线程", x + bw / 2, y + 44);
        g.setFont(new Font(family, Font.BOLD, 13));
        int cy = y + 54;
        for (String t : p.threads()) {
            g.setColor(roles.get(role(t)));
            g.fillRoundRect(x + 12, cy, bw - 24, CHIP_HEIGHT, 10, 10);
            g.setColor(Color.WHITE);
            Drawing.centre(g, fit(g, t, bw - 32), x + bw / 2, cy + 18);
            cy += CHIP_HEIGHT + 6;
        }
    }

    /** {@code s}, shortened with "…" until it fits in {@code width} pixels. */
    static String fit(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        List<Integer> cps = new ArrayList<>();
        s.codePoints().forEach(cps::add);
        while (cps.size() > 1) {
            cps.remove(cps.size() - 1);
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            String shorter = sb + "…";
            if (fm.stringWidth(shorter) <= width) {
                return shorter;
            }
        }
        return "…";
    }
}
