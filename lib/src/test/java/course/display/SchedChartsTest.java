package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

import course.sched.Burst;
import course.sched.Job;
import course.sched.ScheduleResult;
import course.sched.Scheduler;
import tech.tablesaw.api.Table;

class SchedChartsTest {

    static final Job[] JOBS = {Job.of("浏览器", Burst.cpu(20), Burst.io(10), Burst.cpu(10)),
            Job.of("听音乐", Burst.cpu(5), Burst.io(15), Burst.cpu(5), Burst.io(15), Burst.cpu(5)),
            Job.cpu("写作业", 30)};

    static final Job A = Job.cpu("A", 30);
    static final Job B = Job.cpu("B", 20);

    @Test
    void everyStateHasAClearlyDifferentColour() {
        var colours = new java.util.ArrayList<>(SchedCharts.STATE_COLOURS.entrySet());
        for (int i = 0; i < colours.size(); i++) {
            for (int j = i + 1; j < colours.size(); j++) {
                var a = colours.get(i).getValue();
                var b = colours.get(j).getValue();
                double distance = Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                        + Math.pow(a.getBlue() - b.getBlue(), 2));
                assertTrue(distance > 80, colours.get(i).getKey() + " and " + colours.get(j).getKey() + " look alike: " + distance);
            }
        }
    }

    @Test
    void theStateChartPaintsEachStateInItsOwnColour() {
        var img = SchedCharts.states(Scheduler.roundRobin().run(JOBS));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        for (String state : new String[]{"执行", "就绪", "等待"}) {
            assertTrue(seen.contains(SchedCharts.STATE_COLOURS.get(state).getRGB() & 0xFFFFFF), state + " is not drawn in its colour");
        }
        assertFalse(seen.contains(Charts.PALETTE[0].getRGB() & 0xFFFFFF), "a state is drawn in the default palette");
    }

    @Test
    void metricsTableHasOneRowPerJobPlusAverage() {
        ScheduleResult s = Scheduler.roundRobin().run(JOBS);
        Table t = SchedCharts.data(s);
        assertEquals(4, t.rowCount());
        assertEquals("平均", t.stringColumn("任务").get(3));
        assertTrue(SchedCharts.table(s).toHtml().contains("周转时间 (ms)"));
    }

    @Test
    void ganttHasARowForEveryCoreEvenAnIdleOneAndOneBarPerSlice() {
        ScheduleResult s = Scheduler.roundRobin().cores(3).run(A, B); // core 2 never runs anything
        List<Gantt.Bar> bars = SchedCharts.ganttBars(s);
        assertEquals(List.of("核 0", "核 1", "核 2"), Gantt.rows(bars));
        List<Gantt.Bar> slices = bars.subList(3, bars.size());
        assertEquals(s.slices().size(), slices.size());
        assertEquals(List.of("A", "B"), slices.stream().map(Gantt.Bar::label).distinct().sorted().toList());
        assertEquals(50.0, slices.stream().mapToDouble(b -> b.end() - b.start()).sum(), "30 + 20 ms of CPU");
    }

    @Test
    void stateTimelineHasOneRowPerJobColouredByState() {
        ScheduleResult s = Scheduler.roundRobin().run(A, B);
        List<Gantt.Bar> bars = SchedCharts.stateBars(s);
        assertEquals(List.of("A", "B"), Gantt.rows(bars));
        assertTrue(bars.stream().allMatch(b -> SchedCharts.STATE_COLOURS.containsKey(b.series())), bars::toString);
        assertEquals(List.of("执行", "就绪", "执行", "就绪", "执行"),
                bars.stream().filter(b -> b.row().equals("A")).map(Gantt.Bar::series).toList(), "A 0-10, B, A, B, A");
    }

    @Test
    void compareHasThreeSeriesAndOneCategoryPerSchedule() {
        Map<String, ScheduleResult> byCores = new LinkedHashMap<>();
        byCores.put("1 个核", Scheduler.roundRobin().run(A, B));
        byCores.put("2 个核", Scheduler.roundRobin().cores(2).run(A, B));
        CategoryDataset data = SchedCharts.compareBars("比较", byCores).build().getCategoryPlot().getDataset();
        assertEquals(List.of("总用时", "平均周转时间", "平均等待时间"), data.getRowKeys());
        assertEquals(ChartsTest.ordered("1 个核", 50, "2 个核", 30), ChartsTest.values(data, "总用时"));
    }

    @Test
    void chartsRender() throws Exception {
        Map<String, ScheduleResult> byCores = new LinkedHashMap<>();
        for (int cores : new int[]{1, 2, 4}) {
            ScheduleResult s = Scheduler.roundRobin().cores(cores).run(JOBS);
            byCores.put(cores + " 个核", s);
            CpuChartsTest.save(SchedCharts.gantt(s), "gantt-" + cores);
            CpuChartsTest.save(SchedCharts.states(s), "states-" + cores);
        }
        CpuChartsTest.save(SchedCharts.compare("同样 3 个任务，不同核数", byCores), "compare");
        assertEquals(90 + 44 * 4, SchedCharts.gantt(byCores.get("4 个核")).getHeight(), "one row per core");
    }
}
