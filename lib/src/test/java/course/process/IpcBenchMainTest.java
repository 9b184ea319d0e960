package course.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The benchmark's Java side runs and checks what it moves; its numbers are for ./course ipc-bench, not asserted. */
@Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
class IpcBenchMainTest {

    @Test
    void bothQueuesMoveEveryMessageInOrderFromAChildProcess() throws Exception {
        assertTrue(IpcBenchMain.javaRate(3, 2000) > 0);
        assertTrue(IpcBenchMain.javaRate(0, 2000) > 0);
    }

    @Test
    void aBigMessageComesBackUnchanged() throws Exception {
        String line = IpcBenchMain.roundTrip(256 * 1024, 2);
        assertTrue(line.startsWith("256 KiB 的消息父 → 子 → 父往返 2 次：中位数 "), line);
    }
}
