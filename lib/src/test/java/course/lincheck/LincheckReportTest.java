package course.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

public class LincheckReportTest {

    /** Lincheck 3.7's report for a counter with {@code value++}, as printed. */
    public static final String COUNTER = """

            = Invalid execution results =
            | ------------------------- |
            |  Thread 1   |  Thread 2   |
            | ------------------------- |
            | inc(): void | inc(): void |
            | ------------------------- |
            | get(): 1    |             |
            | ------------------------- |

            ---
            All operations above the horizontal line | ----- | happen before those below the line
            ---

            The following interleaving leads to the error:
            | ------------------------- |
            | Thread 1 |    Thread 2    |
            | ------------------------- |
            |          | inc()          |
            |          |   value ➜ 0    |
            |          |   switch       |
            | inc()    |                |
            |          |   value = 1    |
            |          |   result: void |
            | ------------------------- |
            | get(): 1 |                |
            | ------------------------- |

            Detailed trace:
            | --------------------------------------------------------------------------------------- |
            |                  Thread 1                  |                  Thread 2                  |
            | --------------------------------------------------------------------------------------- |
            |                                            | inc()                                      |
            |                                            |   value ➜ 0 at Counter.inc(Counter.java:4) |
            | --------------------------------------------------------------------------------------- |
            """;

    /** Lincheck 3.7's report for two locks taken in opposite orders. */
    static final String DEADLOCK = """
            = The execution has hung =
            | --------------------------- |
            |   Thread 1   |   Thread 2   |
            | --------------------------- |
            | ba(): <hung> | ab(): <hung> |
            | --------------------------- |


            The following interleaving leads to the error:
            | ------------------------------------------------------------ |
            |                  Thread 1                   |    Thread 2    |
            | ------------------------------------------------------------ |
            |                                             | ab(): <hung>   |
            |                                             |   MONITORENTER |
            |                                             |   switch       |
            | ba(): <hung>                                |                |
            |   switch (reason: lock is already acquired) |                |
            | ------------------------------------------------------------ |
            All unfinished threads are in deadlock
            """;

    @Test
    void splitsTheCounterReportIntoItsThreeTablesWithCaptionsAndNotes() {
        LincheckReport r = LincheckReport.parse(COUNTER);
        assertEquals("Invalid execution results", r.kind());
        assertEquals(List.of("Invalid execution results", LincheckReport.INTERLEAVING, LincheckReport.DETAILED),
                r.sections().stream().map(LincheckReport.Section::caption).toList());
        LincheckReport.Section results = r.sections().get(0);
        assertEquals(List.of("Thread 1", "Thread 2"), results.header());
        assertEquals(List.of(List.of(List.of("inc(): void", "inc(): void")), List.of(List.of("get(): 1", ""))), results.groups());
        assertEquals(List.of("All operations above the horizontal line | ----- | happen before those below the line"), results.notes());
        LincheckReport.Section interleaving = r.interleaving().orElseThrow();
        assertEquals(List.of("", "  value ➜ 0"), interleaving.rows().get(1));
        assertEquals(List.of("inc()", ""), interleaving.rows().get(3));
        assertEquals(2, interleaving.groups().size());
        assertTrue(r.interleavingText().startsWith("| ------------------------- |\n| 线程 1   |    线程 2      |"));
        assertTrue(r.interleavingText().endsWith("| get(): 1 |                |\n| ------------------------- |\n"));
    }

    @Test
    void keepsTheNoteAfterTheInterleavingOfAHang() {
        LincheckReport r = LincheckReport.parse(DEADLOCK);
        assertEquals("The execution has hung", r.kind());
        assertEquals(List.of("All unfinished threads are in deadlock"), r.interleaving().orElseThrow().notes());
        assertEquals(List.of("  switch (reason: lock is already acquired)", ""), r.interleaving().orElseThrow().rows().get(4));
        assertTrue(r.kindChinese().contains("死锁"), r.kindChinese());
    }

    @Test
    void translatesKnownWordsAndKeepsTheRest() {
        assertEquals("线程 2", LincheckReport.chinese("Thread 2"));
        assertEquals("导致错误的交错（interleaving）", LincheckReport.chinese(LincheckReport.INTERLEAVING));
        assertEquals("something new", LincheckReport.chinese("something new"));
    }

    @Test
    void textThatIsNotAReportHasNoSections() {
        LincheckReport r = LincheckReport.parse("java.lang.IllegalStateException: boom\n\tat X.f(X.java:1)");
        assertEquals("", r.kind());
        assertEquals(List.of(), r.sections());
        assertEquals("", r.interleavingText());
        assertEquals(List.of(), LincheckReport.parse("").sections());
    }
}
