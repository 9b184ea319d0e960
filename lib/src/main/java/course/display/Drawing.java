package course.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Small Java2D helpers shared by the hand-drawn pictures of this package.
 *
 * <p>手绘图片（CPU、卫生间、等待图……）共用的小工具，例如把一行字居中画出。
 *
 * <p>Thread-safety: stateless; each call draws on the {@link Graphics2D} it is given.
 */
final class Drawing {

    private Drawing() {
    }

    /**
     * Graphics on {@code img}, cleared to white, with {@code title} drawn in black, bold, {@code size} points,
     * centred at the top with its baseline at {@code baseline}; the font stays set. Dispose it when done.
     */
    static Graphics2D titled(BufferedImage img, String title, int size, int baseline) {
        Graphics2D g = Charts.paper(img);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Fonts.cjkFamily(), Font.BOLD, size));
        centre(g, title, img.getWidth() / 2, baseline);
        return g;
    }

    /** Draws {@code s} with its centre at {@code x} and its baseline at {@code y}, in the current font. */
    static void centre(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
    }

    /** The 3-point line of the wait-for pictures: dashed for "waits for", solid for "holds". */
    static Stroke edge(boolean dashed) {
        return dashed ? new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{9f, 7f}, 0f)
                : new BasicStroke(3f);
    }

    /** Fills an arrowhead {@code length} long and {@code 2 * halfWidth} wide with its tip at (x, y), pointing along (dx, dy). */
    static void arrowHead(Graphics2D g, double x, double y, double dx, double dy, int length, int halfWidth) {
        Path2D head = new Path2D.Double();
        head.moveTo(0, 0);
        head.lineTo(-length, -halfWidth);
        head.lineTo(-length, halfWidth);
        head.closePath();
        AffineTransform at = new AffineTransform();
        at.translate(x, y);
        at.rotate(Math.atan2(dy, dx));
        g.setStroke(new BasicStroke(1f));
        g.fill(at.createTransformedShape(head));
    }
}
