package course.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * Small Java2D helpers shared by the hand-drawn pictures of this package.
 *
 * <p>画图用的小工具：这个包里手画的图（执行器家族图等）共用，学习者不直接调用。
 *
 * <p>Thread-safety: stateless; each call draws on the {@link Graphics2D} it is given, which belongs to one thread.
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
