package course.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import course.check.BiAnswer;
import course.check.Exercise.Item;
import course.check.Exercise.Verdict;
import course.exercises.Ex17.Bank;
import course.exercises.Ex17.Limits;
import course.exercises.Ex17.Page;

/**
 * The final project's checks: a reference crawler and bank pass (except the items that measure
 * time, which the solution notebook's run shows), the notebook's stubs pass no item at all, and
 * deterministic mistakes fail the part they belong to.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex17Test {

    /** The reference crawler: a pool of poolSize, a Semaphore per site, invokeAll with the deadline. */
    static List<Page> crawl(List<URI> urls, Limits limits) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, Semaphore> perSite = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(limits.poolSize());
        try {
            List<Callable<Page>> tasks = new ArrayList<>();
            for (URI uri : urls) {
                tasks.add(() -> {
                    Semaphore site = perSite.computeIfAbsent(uri.getAuthority(), k -> new Semaphore(limits.perSite()));
                    site.acquire();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(limits.pageTimeout()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 ? Page.ok(uri, r.body()) : Page.failed(uri, "HTTP " + r.statusCode());
                    } catch (HttpTimeoutException e) {
                        return Page.failed(uri, "超时");
                    } finally {
                        site.release();
                    }
                });
            }
            List<Future<Page>> futures = pool.invokeAll(tasks, limits.deadline().toMillis(), TimeUnit.MILLISECONDS);
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                Future<Page> f = futures.get(i);
                try {
                    pages.add(f.isCancelled() ? Page.failed(urls.get(i), "没来得及下载") : f.get());
                } catch (ExecutionException e) {
                    pages.add(Page.failed(urls.get(i), "出错：" + e.getCause()));
                }
            }
            return pages;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The reference bank: a lock per account, taken in account order; total() takes them all. */
    static class SafeBank implements Bank {
        private final long[] balances;
        private final ReentrantLock[] locks;

        SafeBank(long[] opening) {
            balances = opening.clone();
            locks = new ReentrantLock[opening.length];
            for (int i = 0; i < locks.length; i++) {
                locks[i] = new ReentrantLock();
            }
        }

        private void account(int a) {
            if (a < 0 || a >= balances.length) {
                throw new IllegalArgumentException("no account " + a);
            }
        }

        @Override
        public boolean transfer(int from, int to, long amount) {
            account(from);
            account(to);
            if (amount <= 0) {
                throw new IllegalArgumentException("amount " + amount);
            }
            ReentrantLock first = locks[Math.min(from, to)];
            ReentrantLock second = locks[Math.max(from, to)];
            first.lock();
            second.lock();
            try {
                if (balances[from] < amount) {
                    return false;
                }
                balances[from] -= amount;
                balances[to] += amount;
                return true;
            } finally {
                second.unlock();
                first.unlock();
            }
        }

        @Override
        public long balance(int a) {
            account(a);
            locks[a].lock();
            try {
                return balances[a];
            } finally {
                locks[a].unlock();
            }
        }

        @Override
        public long total() {
            for (ReentrantLock l : locks) {
                l.lock();
            }
            try {
                long sum = 0;
                for (long b : balances) {
                    sum += b;
                }
                return sum;
            } finally {
                for (int i = locks.length - 1; i >= 0; i--) {
                    locks[i].unlock();
                }
            }
        }
    }

    /** The notebook's stub bank: compiles, does nothing. */
    static final class StubBank implements Bank {
        StubBank(long[] opening) {
        }

        @Override
        public boolean transfer(int from, int to, long amount) {
            return false;
        }

        @Override
        public long balance(int account) {
            return 0;
        }

        @Override
        public long total() {
            return 0;
        }
    }

    private static void passes(Verdict v) {
        assertTrue(v.passed(), v.toString());
    }

    /** Rule 2: an untouched stub shows no ✔ at all. */
    private static void passesNothing(Verdict v) {
        assertFalse(v.passed(), v.toString());
        assertTrue(v.items().stream().noneMatch(Item::passed), v.toString());
        assertFalse(v.toString().contains("✔"), v.toString());
    }

    @Test
    void theReferenceCrawlerIsCorrectPoliteAndCancels() {
        passes(Ex17.crawlCorrect(Ex17Test::crawl));
        passes(Ex17.crawlPolite(Ex17Test::crawl));
        Verdicts.passesExceptTiming(Ex17.crawlFast(Ex17Test::crawl), "用时");
        Verdicts.passesExceptTiming(Ex17.crawlDeadline(Ex17Test::crawl), "用时");
    }

    @Test
    void theStubCrawlerPassesNoItem() {
        BiAnswer<List<URI>, Limits, List<Page>> stub = (urls, limits) -> new ArrayList<>();
        passesNothing(Ex17.crawlCorrect(stub));
        passesNothing(Ex17.crawlPolite(stub));
        passesNothing(Ex17.crawlFast(stub));
        passesNothing(Ex17.crawlDeadline(stub));
    }

    @Test
    void aCrawlerThatLeavesOutTheFailingPagesIsNotCorrect() {
        Verdict v = Ex17.crawlCorrect((urls, limits) -> crawl(urls, limits).stream().filter(Page::ok).toList());
        assertFalse(v.items().get(0).passed(), v.toString());
        assertTrue(v.items().get(0).what().contains("缺 3 个"), v.toString());
    }

    @Test
    void theReferenceBankKeepsTheRulesNeverDeadlocksAndKeepsTheTotal() {
        passes(Ex17.bankRules(SafeBank::new));
        passes(Ex17.bankNoDeadlock(SafeBank::new));
        passes(Ex17.bankTotal(SafeBank::new));
        Verdicts.passesExceptTiming(Ex17.bankFast(SafeBank::new), "用时");
    }

    @Test
    void theStubBankPassesNoItem() {
        passesNothing(Ex17.bankRules(StubBank::new));
        passesNothing(Ex17.bankNoDeadlock(StubBank::new));
        passesNothing(Ex17.bankTotal(StubBank::new));
        passesNothing(Ex17.bankFast(StubBank::new));
    }

    @Test
    void aBankWhoseTransferToItselfWaitsForItselfIsCaughtByTheStress() {
        // Correct on one thread, but in the stress a transfer from an account to itself takes its
        // non-reentrant lock twice: each stress thread waits at its first such transfer until the
        // check interrupts it.
        Function<long[], Bank> selfDeadlocking = opening -> new Bank() {
            final SafeBank inner = new SafeBank(opening);
            final Semaphore[] locks = {new Semaphore(1), new Semaphore(1), new Semaphore(1), new Semaphore(1)};

            @Override
            public boolean transfer(int from, int to, long amount) {
                if (Thread.currentThread().getName().startsWith("转账线程") && from == to) {
                    try {
                        locks[from].acquire();
                        locks[to].acquire();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted by the check", e);
                    }
                }
                return inner.transfer(from, to, amount);
            }

            @Override
            public long balance(int account) {
                return inner.balance(account);
            }

            @Override
            public long total() {
                return inner.total();
            }
        };
        Verdict v = Ex17.bankNoDeadlock(selfDeadlocking::apply);
        assertTrue(v.items().get(0).passed(), v.toString());
        assertFalse(v.items().get(1).passed(), v.toString());
        assertTrue(v.items().get(1).what().contains("超时"), v.toString());
    }

    @Test
    void aBankThatRefusesBadArgumentsOnlyPartlyFailsThatRule() {
        Verdict v = Ex17.bankRules(opening -> new SafeBank(opening) {
            @Override
            public boolean transfer(int from, int to, long amount) {
                return amount <= 0 ? false : super.transfer(from, to, amount);
            }
        });
        assertEquals(List.of(true, true, true, true, true, false), v.items().stream().map(Item::passed).toList(), v.toString());
        assertTrue(v.items().get(5).what().contains("抛出了 2 次"), v.toString());
    }

    @Test
    void pagesHaveABodyOrAProblem() {
        URI u = URI.create("http://127.0.0.1:1/x");
        assertThrows(IllegalArgumentException.class, () -> Page.failed(u, " "));
        assertThrows(IllegalArgumentException.class, () -> new Page(u, "a", "b"));
        assertEquals("✘ http://127.0.0.1:1/x  HTTP 500", Page.failed(u, "HTTP 500").toString());
        assertEquals("✔ http://127.0.0.1:1/x  3 字节", Page.ok(u, "abc").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, Duration.ZERO, Duration.ZERO))
                .getMessage().startsWith("poolSize (0) must be positive"));
    }
}
