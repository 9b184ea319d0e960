package course.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import course.cpu.Cpu;
import course.cpu.CpuStep;
import course.cpu.InterleavingResult;
import course.cpu.Interleavings;
import tech.tablesaw.api.Table;

class CpuChartsTest {

    static final String SEED = "DATA 2000, 6\nDATA 2004, 7\nLOAD A, 2000\nLOAD B, 2004\nMUL C, A, B\nSTORE C, 2008\n";

    static void save(BufferedImage img, String name) throws Exception {
        File dir = new File("target/pictures");
        dir.mkdirs();
        ImageIO.write(img, "png", new File(dir, name + ".png"));
    }

    @Test
    void traceTableHasOneRowPerStepAndNoDColumnWhenUnused() {
        List<CpuStep> trace = Cpu.load(SEED).run();
        Table t = CpuCharts.data(trace);
        assertEquals(12, t.rowCount());
        assertTrue(t.columnNames().containsAll(List.of("步", "阶段", "PC（之后）", "IR", "A", "B", "C", "写内存")));
        assertTrue(!t.columnNames().contains("D") && !t.columnNames().contains("线程"));
        String html = CpuCharts.table(trace).toHtml();
        assertTrue(html.contains("[2008] ← 42"), html);
    }

    @Test
    void threadColumnAppearsForSeveralThreads() {
        InterleavingResult r = Interleavings.counterIncrements(2, 1);
        Table t = CpuCharts.data(r.replay(1));
        assertTrue(t.columnNames().contains("线程"));
        assertEquals(18, t.rowCount());
    }

    @Test
    void picturesRender() throws Exception {
        Cpu cpu = Cpu.load(SEED);
        BufferedImage before = CpuCharts.picture(cpu);
        save(before, "cpu-before");
        List<CpuStep> trace = cpu.run();
        for (int i : new int[]{0, 2, 8, 11}) {
            BufferedImage img = CpuCharts.picture(trace.get(i));
            assertTrue(img.getWidth() > 800 && img.getHeight() >= 470);
            save(img, "cpu-step-" + (i + 1));
        }
        InterleavingResult r = Interleavings.counterIncrements(2, 2);
        save(CpuCharts.outcomes(r), "outcomes");
        assertTrue(CpuCharts.table(r).toHtml().contains("T1 T1 T1"));
    }

    @Test
    void outcomeTableNamesDeadlockAndTheChartRefusesEndlessLoops() {
        InterleavingResult twoLocks = Interleavings.of(2000, "DATA 2000, 0\nLOCK 3000\nLOCK 3004\nUNLOCK 3004\nUNLOCK 3000",
                "DATA 2000, 0\nLOCK 3004\nLOCK 3000\nUNLOCK 3000\nUNLOCK 3004");
        String html = CpuCharts.table(twoLocks).html();
        assertTrue(html.contains("死锁（此时值 0）"), html);
        InterleavingResult spin = Interleavings.of(2000, "DATA 2000, 0\nx: JMP x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuCharts.outcomes(spin));
        assertTrue(e.getMessage().contains("永远转圈"), e.getMessage());
    }
}
