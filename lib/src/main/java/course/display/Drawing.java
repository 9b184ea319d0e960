package course.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;

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

    /** Draws {@code s} with its centre at {@code x} and its baseline at {@code y}, in the current font. */
    static void centre(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
    }
}
