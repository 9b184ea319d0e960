package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

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

    @Test
    void metricsTableHasOneRowPerJobPlusAverage() {
        ScheduleResult s = Scheduler.roundRobin().run(JOBS);
        Table t = SchedCharts.data(s);
        assertEquals(4, t.rowCount());
        assertEquals("平均", t.stringColumn("任务").get(3));
        assertTrue(SchedCharts.table(s).toHtml().contains("周转时间 (ms)"));
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
        assertTrue(SchedCharts.gantt(byCores.get("4 个核")).getHeight() >= 220);
    }
}
