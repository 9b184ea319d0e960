package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;

import course.display.ExecutorCharts.Edge;

class ExecutorChartsTest {

    @Test
    void theJavaArrowsAreTheJdksOwnHierarchy() {
        List<Edge> edges = ExecutorCharts.javaEdges();
        assertEquals(List.of(
                new Edge(ExecutorService.class, Executor.class),
                new Edge(AbstractExecutorService.class, ExecutorService.class),
                new Edge(ScheduledExecutorService.class, ExecutorService.class),
                new Edge(ForkJoinPool.class, AbstractExecutorService.class),
                new Edge(ThreadPoolExecutor.class, AbstractExecutorService.class),
                new Edge(ScheduledThreadPoolExecutor.class, ScheduledExecutorService.class),
                new Edge(ScheduledThreadPoolExecutor.class, ThreadPoolExecutor.class)), edges);
    }

    @Test
    void kindsAreReadFromTheDeclarations() {
        assertEquals("«接口»", ExecutorCharts.kind(ExecutorService.class));
        assertEquals("«抽象类»", ExecutorCharts.kind(AbstractExecutorService.class));
        assertEquals("«类»", ExecutorCharts.kind(ThreadPoolExecutor.class));
    }

    @Test
    void thePictureIsDrawn() {
        var img = ExecutorCharts.family();
        assertEquals(ExecutorCharts.WIDTH, img.getWidth());
        assertTrue(img.getHeight() > 300);
    }
}
