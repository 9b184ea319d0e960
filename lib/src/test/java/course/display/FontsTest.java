package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FontsTest {

    @Test
    void noCjkFontGivesAMessageNamingThePackageToInstall() {
        var e = assertThrows(IllegalStateException.class, () -> Fonts.pick(Set.of("DejaVu Sans", "Serif")));
        assertTrue(e.getMessage().contains("fonts-wqy-microhei"), e.getMessage());
        assertTrue(e.getMessage().contains("方框"), e.getMessage());
    }

    @Test
    void theInstalledFontCanDrawChinese() {
        // The test machine is set up by ./course, which installs a CJK font.
        String family = Fonts.cjkFamily();
        assertTrue(Fonts.PREFERRED.contains(family), family);
        assertEquals(-1, Fonts.cjk(Font.PLAIN, 12).canDisplayUpTo(Fonts.SAMPLE));
    }
}
