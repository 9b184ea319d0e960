package course.exercises;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.LongStream;

import course.check.Answer;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.deadlock.DeadlockDetector;
import course.deadlock.DeadlockSnapshot;
import course.exercises.Ex17.Bank;
import course.threads.ThreadLabResult;
import course.threads.ThreadLab;

/**
 * The four bank checks of the final project: the rules on one thread, then stress on four.
 *
 * <p>期末项目银行部分的四个检查。后三个是压力测试：4 个线程同时在随机的账户之间转账（方向随机，
 * 也会从一个账户转给它自己），由起跑线同时放出，限时运行；卡住的线程用 JVM 的死锁检测找出来。
 * 后三个都以"转账规则正确"为前提，所以没写的银行一项也不会通过。
 */
final class BankChecks {

    static final int THREADS = 4;
    static final int STRESS_TRANSFERS = 20_000;
    static final int FAST_TRANSFERS = 50_000;
    static final long FAST_BUDGET_MILLIS = 3000;
    /** The auditor checks the total at least this often while transfers run (they go on until it has). */
    static final int MIN_AUDITS = 1000;
    private static final Duration STRESS_TIMEOUT = Duration.ofSeconds(10);

    private BankChecks() {
    }

    /** The rules, each checked on a new bank; a rule left null was not reached (the code hung or threw). */
    private static final String[] RULES = {
        "开户后每个账户的余额和总额都对",
        "transfer(0, 1, 30)：从 100 里转出 30，返回 true",
        "transfer(2, 0, 1)：余额不够，返回 false，余额不变",
        "transfer(1, 2, 80)：正好转出全部余额，返回 true",
        "transfer(0, 0, 10)：同一个账户，余额不变",
        "金额不是正数、账户不存在时抛出 IllegalArgumentException",
    };
    private static final String[] HINTS = {
        "构造方法把 balances 复制一份存起来（Arrays.copyOf），balance(i) 返回第 i 个，total() 返回总和。",
        "余额够的时候从 from 减去 amount，加到 to 上，返回 true。",
        "先检查余额：不够就直接返回 false，什么都不改。",
        "余额正好等于 amount 也够。",
        "from 和 to 一样时，减了再加回来，或者干脆什么也不做。",
        "先检查参数：amount <= 0，或者账户编号不在 0 到 n-1 之间，就 throw new IllegalArgumentException(\"…\")。",
    };

    /** Each rule's outcome: "" when it holds, else what the bank did. */
    private static AtomicReferenceArray<String> checkRules(Answer<long[], Bank> factory) {
        AtomicReferenceArray<String> got = new AtomicReferenceArray<>(RULES.length);
        LearnerRun.run(() -> {
            Bank b = factory.apply(new long[]{100, 50, 0});
            got.set(0, same(b, 100, 50, 0) && b.total() == 150 ? "" : state(b));
            b = factory.apply(new long[]{100, 50, 0});
            got.set(1, b.transfer(0, 1, 30) && same(b, 70, 80, 0) ? "" : state(b));
            b = factory.apply(new long[]{100, 50, 0});
            got.set(2, !b.transfer(2, 0, 1) && same(b, 100, 50, 0) ? "" : state(b));
            b = factory.apply(new long[]{100, 80, 0});
            got.set(3, b.transfer(1, 2, 80) && same(b, 100, 0, 80) ? "" : state(b));
            b = factory.apply(new long[]{100, 50, 0});
            b.transfer(0, 0, 10);
            got.set(4, same(b, 100, 50, 0) ? "" : state(b));
            Bank last = factory.apply(new long[]{100, 50, 0});
            long refused = LongStream.of(0, -5).filter(a -> throwsIllegalArgument(() -> last.transfer(0, 1, a))).count()
                    + (throwsIllegalArgument(() -> last.transfer(0, 3, 1)) ? 1 : 0)
                    + (throwsIllegalArgument(() -> last.transfer(-1, 0, 1)) ? 1 : 0);
            got.set(5, refused == 4 && same(last, 100, 50, 0) ? "" : "4 次错误的调用里抛出了 " + refused + " 次");
            return null;
        }, 5000, 500, true);
        return got;
    }

    private static boolean same(Bank b, long... balances) {
        for (int i = 0; i < balances.length; i++) {
            if (b.balance(i) != balances[i]) {
                return false;
            }
        }
        return true;
    }

    private static String state(Bank b) {
        return "余额 [" + b.balance(0) + ", " + b.balance(1) + ", " + b.balance(2) + "]，总额 " + b.total();
    }

    private static boolean throwsIllegalArgument(Runnable call) {
        try {
            call.run();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean rulesHold(Answer<long[], Bank> factory) {
        AtomicReferenceArray<String> got = checkRules(factory);
        for (int i = 0; i < RULES.length; i++) {
            if (!"".equals(got.get(i))) {
                return false;
            }
        }
        return true;
    }

    static Verdict rules(Answer<long[], Bank> factory) {
        AtomicReferenceArray<String> got = checkRules(factory);
        boolean opened = "".equals(got.get(0));
        Exercise ex = Exercise.named("银行 1：转账规则");
        for (int i = 0; i < RULES.length; i++) {
            String g = got.get(i);
            String what = g == null ? RULES[i] + "：没有运行到（前面的代码卡住了或者抛出了异常）"
                    : g.isEmpty() ? RULES[i] : RULES[i] + "：" + g;
            ex.expect(what, opened && "".equals(g), HINTS[i]);
        }
        return ex.verdict();
    }

    /** What happened when THREADS threads transferred at random at once (and an auditor, when asked). */
    private record Stress(ThreadLabResult lab, long millis, long[] balances, long audits, long badAudits, long firstBad,
                          boolean negative, DeadlockSnapshot deadlock) {

        boolean finished() {
            return lab.ok();
        }

        String trouble() {
            if (deadlock.found()) {
                return "，检测到死锁：" + String.join("；", deadlock.edges().stream().map(Object::toString).toList());
            }
            return lab.ok() ? "" : "：" + lab.outcomes().stream().filter(o -> o.status() != ThreadLabResult.Status.FINISHED)
                    .map(Object::toString).findFirst().orElse("");
        }
    }

    private static Stress stress(Bank bank, int accounts, long opening, int transfers, boolean audit) {
        CountDownLatch done = new CountDownLatch(THREADS);
        long expected = accounts * opening;
        AtomicLong audits = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicLong firstBad = new AtomicLong();
        AtomicBoolean negative = new AtomicBoolean();
        ThreadLab lab = ThreadLab.create("银行压力测试").timeout(STRESS_TIMEOUT);
        lab.threads("转账线程", THREADS, out -> {
            try {
                Random rnd = new Random(Thread.currentThread().getName().hashCode());
                for (int i = 0; i < transfers || audit && audits.get() < MIN_AUDITS; i++) {
                    bank.transfer(rnd.nextInt(accounts), rnd.nextInt(accounts), 1 + rnd.nextInt(100));
                }
            } finally {
                done.countDown();
            }
        });
        if (audit) {
            lab.thread("审计线程", out -> {
                while (done.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
                    long t = bank.total();
                    audits.incrementAndGet();
                    if (t != expected && bad.getAndIncrement() == 0) {
                        firstBad.set(t);
                    }
                    for (int i = 0; i < accounts; i++) {
                        if (bank.balance(i) < 0) {
                            negative.set(true);
                        }
                    }
                }
            });
        }
        long t0 = System.nanoTime();
        ThreadLabResult run = lab.run();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        DeadlockSnapshot deadlock = DeadlockDetector.create().detect();
        long[] balances = new long[accounts];
        if (run.ok()) {
            for (int i = 0; i < accounts; i++) {
                balances[i] = bank.balance(i);
                if (balances[i] < 0) {
                    negative.set(true);
                }
            }
        }
        return new Stress(run, millis, balances, audits.get(), bad.get(), firstBad.get(), negative.get(), deadlock);
    }

    private static long[] filled(int accounts, long opening) {
        long[] b = new long[accounts];
        Arrays.fill(b, opening);
        return b;
    }

    /** The learner's bank with these balances, or null when opening it threw (the check then fails). */
    private static Bank open(Answer<long[], Bank> factory, long[] balances) {
        try {
            return factory.apply(balances);
        } catch (Exception e) {
            return null;
        }
    }

    private static final String RULES_FIRST = "转账规则正确（先让「银行 1」通过）";

    static Verdict noDeadlock(Answer<long[], Bank> factory) {
        Bank bank = rulesHold(factory) ? open(factory, filled(4, 1000)) : null;
        boolean ready = bank != null;
        Stress s = ready ? stress(bank, 4, 1000, STRESS_TRANSFERS, false) : null;
        boolean finished = ready && s.finished();
        return Exercise.named("银行 2：不死锁")
                .expect(RULES_FIRST, ready, "单线程的规则都对了，才做压力测试。")
                .expect(THREADS + " 个线程同时在 4 个账户之间随机转账（各 " + STRESS_TRANSFERS + " 次），"
                                + STRESS_TIMEOUT.toSeconds() + " 秒内都完成了" + (ready ? s.trouble() : ""),
                        finished,
                        "两个线程按相反的顺序锁两个账户就会死锁：给账户定一个顺序（例如编号），总是先锁小的；"
                                + "同一个账户转给自己时只锁一次（或者用可重入的锁）。")
                .verdict();
    }

    static Verdict total(Answer<long[], Bank> factory) {
        Bank bank = rulesHold(factory) ? open(factory, filled(5, 1000)) : null;
        boolean ready = bank != null;
        Stress s = ready ? stress(bank, 5, 1000, STRESS_TRANSFERS, true) : null;
        boolean finished = ready && s.finished();
        long sum = finished ? Arrays.stream(s.balances()).sum() : 0;
        return Exercise.named("银行 3：钱不会多也不会少")
                .expect(RULES_FIRST, ready, "单线程的规则都对了，才做压力测试。")
                .expect("压力测试（" + THREADS + " 个线程各转账 " + STRESS_TRANSFERS + " 次，同时 1 个线程审计）在 "
                                + STRESS_TIMEOUT.toSeconds() + " 秒内结束" + (ready ? s.trouble() : ""),
                        finished, "先让「银行 2」通过。")
                .expect("结束后 5 个账户的余额加起来还是 5000" + (finished ? "（实际 " + sum + "）" : ""),
                        finished && sum == 5000,
                        "一次转账的\"减\"和\"加\"要在同一把锁（或同时持有的两把锁）里完成，否则两个线程会互相覆盖对方写的余额。")
                .expect("没有账户变成负数", finished && !s.negative(), "检查余额和扣钱要在同一把锁里：先看够不够，再扣。")
                .expect(finished ? String.format(Locale.ROOT, "审计调用 total() %d 次，每次都是 5000%s", s.audits(),
                                s.badAudits() == 0 ? "" : "（有 " + s.badAudits() + " 次不是，例如 " + s.firstBad() + "）")
                                : "审计调用 total()，每次都是 5000",
                        finished && s.badAudits() == 0 && s.audits() > 0,
                        "total() 把余额一个个加起来的时候，别的线程可能正转到一半：要让转账在这期间停下来"
                                + "（例如按顺序锁住所有账户，或者用 ReadWriteLock：转账拿读锁，total() 拿写锁）。")
                .verdict();
    }

    static Verdict fast(Answer<long[], Bank> factory) {
        Bank bank = rulesHold(factory) ? open(factory, filled(8, 100_000)) : null;
        boolean ready = bank != null;
        Stress s = ready ? stress(bank, 8, 100_000, FAST_TRANSFERS, false) : null;
        boolean finished = ready && s.finished();
        int all = THREADS * FAST_TRANSFERS;
        return Exercise.named("银行 4：速度")
                .expect(RULES_FIRST, ready, "单线程的规则都对了，才测速度。")
                .expectTimeIf(finished, ready ? "没有全部完成" + s.trouble() : "单线程的规则还没有都对",
                        String.format(Locale.ROOT, "%d 个线程一共转账 %d 次，用时", THREADS, all), finished ? s.millis() : 0,
                        FAST_BUDGET_MILLIS, "锁住的时间越短越好：锁里只做检查和加减；不要在锁里睡觉或打印；拿不到锁时不要 sleep 很久再试。")
                .verdict();
    }
}
