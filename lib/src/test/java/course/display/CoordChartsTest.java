package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.coord.WaitSnapshot;
import course.coord.WaitSnapshot.Place;

class CoordChartsTest {

    @Test
    void rolesDropTrailingNumbersSoThatLikeThreadsShareAColour() {
        assertEquals("消费者", CoordCharts.role("消费者12"));
        assertEquals("生产者", CoordCharts.role("生产者1"));
        assertEquals("King", CoordCharts.role("King"));
        assertEquals("42", CoordCharts.role("42"));
    }

    @Test
    void everyWaitRoomAndDoorIsDrawnAndEmptyOtherPlacesAreNot() throws Exception {
        Thread done = new Thread(() -> { }, "结束的线程");
        done.start();
        done.join();
        WaitSnapshot s = WaitSnapshot.watch().monitor("盘子", new Object()).take(List.of(done));
        List<Place> shown = CoordCharts.shown(s);
        assertEquals(List.of("盘子 的 wait()", "盘子 门口 (synchronized)", "已结束"), shown.stream().map(Place::name).toList());
        BufferedImage img = CoordCharts.rooms("一个盘子", s);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertTrue(img.getHeight() > 100);
    }
}
