package course.display;

import java.awt.FontMetrics;
import java.awt.Graphics2D;

/** Small Java2D helpers shared by the hand-drawn pictures of this package. */
final class Drawing {

    private Drawing() {
    }

    /** Draws {@code s} with its centre at {@code x} and its baseline at {@code y}, in the current font. */
    static void centre(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
    }
}
