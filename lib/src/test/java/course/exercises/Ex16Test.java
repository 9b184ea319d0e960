package course.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.check.Exercise.Verdict;
import course.lincheck.ModelCheck;

@Timeout(value = 400, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex16Test {

    static final String UNLOCKED_SELL = """
            DATA 2000, 0
            DATA 2004, 0
                  LOAD  A, 2000
                  JNZ   A, done
                  ADDI  A, A, 1
                  STORE A, 2000
                  LOAD  B, 2004
                  ADDI  B, B, 1
                  STORE B, 2004
            done: HALT
            """;

    static final String LOCKED_SELL = UNLOCKED_SELL.replace("      LOAD  A, 2000", "      LOCK  3000\n      LOAD  A, 2000")
            .replace("done: HALT", "done: UNLOCK 3000");

    static final String TICKET_OFFICE = """
            import java.util.concurrent.atomic.AtomicInteger;
            import org.jetbrains.lincheck.datastructures.Operation;

            public class TicketOffice {
                private static final int SEATS = 2;
                private final AtomicInteger sold = new AtomicInteger();

                @Operation
                public boolean sell() {
                    if (sold.get() < SEATS) {
                        sold.incrementAndGet();
                        return true;
                    }
                    return false;
                }

                @Operation
                public int sold() {
                    return sold.get();
                }
            }
            """;

    static final String CAS_SELL = """
                @Operation
                public boolean sell() {
                    while (true) {
                        int s = sold.get();
                        if (s >= SEATS) {
                            return false;
                        }
                        if (sold.compareAndSet(s, s + 1)) {
                            return true;
                        }
                    }
                }
            """;

    @AfterAll
    static void stopLincheck() {
        ModelCheck.stopWorker();
    }


    @Test
    void lockedSellFailsTheStubAndAForgottenUnlockAndPassesTheLockedProgram() {
        Verdict stub = Ex16.lockedSell(UNLOCKED_SELL);
        Verdicts.passesNothing(stub);
        assertTrue(stub.toString().contains("种出了不止 1 张票"), stub.toString());
        assertTrue(Ex16.lockedSell(LOCKED_SELL).passed());
        Verdict leak = Ex16.lockedSell(LOCKED_SELL.replace("done: UNLOCK 3000", "done: HALT"));
        Verdicts.passesNothing(leak);
        assertTrue(leak.toString().contains("没有会死锁的交错"), leak.toString());
        Verdict broken = Ex16.lockedSell("LOAD X, 2000");
        Verdicts.passesNothing(broken);
    }

    @Test
    void ticketOfficeFailsTheStubAndPassesCasAndSynchronizedButNotAnOfficeThatSellsNothing() {
        Verdict stub = Ex16.ticketOffice(TICKET_OFFICE);
        Verdicts.passesNothing(stub);
        assertTrue(stub.toString().contains("Lincheck 找到了错误"), stub.toString());
        String cas = TICKET_OFFICE.replaceAll("(?s)    @Operation\\n    public boolean sell\\(\\) \\{.*?\\n    }\\n", CAS_SELL);
        assertTrue(cas.contains("compareAndSet"), cas);
        Verdict casVerdict = Ex16.ticketOffice(cas);
        assertTrue(casVerdict.passed(), casVerdict.toString());
        assertTrue(Ex16.ticketOffice(TICKET_OFFICE.replace("public boolean sell()", "public synchronized boolean sell()")).passed());
        Verdicts.passesNothing(Ex16.ticketOffice(TICKET_OFFICE.replace("if (sold.get() < SEATS) {", "if (false) {")));
        Verdict noCompile = Ex16.ticketOffice(TICKET_OFFICE.replace("sold.get() < SEATS", "sold.get() < SEAT"));
        Verdicts.passesNothing(noCompile);
        assertTrue(noCompile.toString().contains("找不到符号"), noCompile.toString());
    }

    @Test
    void conceptChecksPassOnlyTheRightLetter() {
        Verdicts.conceptPassesOnly(Ex16::concept1, "D", "A", "B", "C");
        Verdicts.conceptPassesOnly(Ex16::concept2, "A", "B", "C", "D");
        Verdicts.conceptPassesOnly(Ex16::concept3, "B", "A", "C", "D");
    }
}
