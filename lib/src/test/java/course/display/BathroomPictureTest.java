package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import course.deadlock.LockSnapshot;
import course.deadlock.LockSnapshot.Person;

class BathroomPictureTest {

    @Test
    void showsTheHolderInsideAndTheQueueOutsideInOrder() {
        LockSnapshot s = new LockSnapshot("卫生间的门", "ReentrantLock", true, new Person("小明", Thread.State.TIMED_WAITING),
                List.of(new Person("小红", Thread.State.WAITING), new Person("小刚", Thread.State.WAITING)), List.of());
        List<String> labels = BathroomPicture.labels(s);
        assertEquals("卫生间的门：小明 在里面，2 个线程在门口排队", labels.get(0));
        assertTrue(labels.containsAll(List.of("小明", "持有锁，TIMED_WAITING", "锁着（ReentrantLock）")), labels.toString());
        assertTrue(labels.indexOf("小红") < labels.indexOf("小刚"), "queue order: " + labels);
        BufferedImage img = DeadlockCharts.bathroom(s);
        assertEquals(BathroomPicture.WIDTH, img.getWidth());
        assertEquals(BathroomPicture.LOCKED.getRGB(), img.getRGB(290, 175), "a locked door is red");
    }

    @Test
    void aLongQueueIsSummarisedAndAnOwnerThatEndedIsNamed() {
        List<Person> queue = List.of("1", "2", "3", "4", "5", "6", "7").stream()
                .map(n -> new Person("线程" + n, Thread.State.BLOCKED)).toList();
        LockSnapshot s = new LockSnapshot("门", "synchronized", true, new Person("小明", Thread.State.TERMINATED), queue,
                List.of());
        List<String> labels = BathroomPicture.labels(s);
        assertEquals("门：小明 已经结束了，门却还锁着，7 个线程在门口排队", labels.get(0));
        assertTrue(labels.contains("…还有 3 人"), labels.toString());
        assertTrue(labels.contains("锁的主人已经结束了，没有人会再开这把锁"), labels.toString());
        LockSnapshot open = new LockSnapshot("门", "ReentrantLock", false, null, List.of(), List.of());
        assertEquals("门：里面没有人，0 个线程在门口排队", BathroomPicture.labels(open).get(0));
        assertEquals(BathroomPicture.OPEN.getRGB(), DeadlockCharts.bathroom(open).getRGB(290, 175), "an open door is green");
    }
}
