package course.exercises;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import course.base.Args;
import course.check.Answer;
import course.check.BiAnswer;
import course.check.Exercise.Verdict;

/**
 * Checks for the final project (notebook 17, 期末项目): a polite crawler and a bank that never
 * deadlocks, each graded in four parts.
 *
 * <p>期末项目的检查。爬虫和银行各分四部分评分，每部分一个检查单元格，互不影响：
 * 爬虫——结果正确、礼貌（每个网站和总数都有上限）、速度、截止时间与取消；
 * 银行——转账规则、不死锁、总额不变、速度。每个检查都在时间限制里运行学习者的代码，
 * 卡住、死锁、抛异常都只会让这一部分没通过，不会卡住内核。
 *
 * <p>The crawler is {@code (urls, limits) -> crawl(urls, limits)}: every address of {@code urls} once in
 * the result, within {@code limits}. The bank is {@code balances -> new MyBank(balances)}: a new
 * {@link Bank} with these opening balances, one per account.
 *
 * <p>Thread safety: each check builds its own sites or bank; run one check at a time.
 */
public final class Ex17 {

    private Ex17() {
    }

    /**
     * What a crawl may use.
     *
     * @param poolSize    at most this many pages downloaded at the same time, over all sites
     * @param perSite     at most this many at the same time from one site ({@code uri.getAuthority()})
     * @param pageTimeout a page that has not answered by then counts as failed
     * @param deadline    the whole crawl returns by then; pages not done are reported as not done
     */
    public record Limits(int poolSize, int perSite, Duration pageTimeout, Duration deadline) {
        public Limits {
            Args.positive("poolSize", poolSize, "线程池大小");
            Args.positive("perSite", perSite, "每个网站的上限");
            Args.notNull("pageTimeout", pageTimeout);
            Args.notNull("deadline", deadline);
        }
    }

    /**
     * What a crawl found out about one address: its text, or why there is none.
     *
     * @param uri     the address
     * @param body    the page's text (HTTP 200), or null
     * @param problem why the page failed (an HTTP error, a timeout, not done by the deadline), or null
     */
    public record Page(URI uri, String body, String problem) {
        public Page {
            Args.notNull("uri", uri);
            Args.check((body == null) != (problem == null), "body", body == null ? "null" : body.length() + " chars",
                    "be given exactly when problem is not", "一个网页要么有内容，要么有失败的原因");
        }

        /** A page that answered HTTP 200 with {@code body}. */
        public static Page ok(URI uri, String body) {
            return new Page(uri, Args.notNull("body", body), null);
        }

        /** A page that failed; {@code problem} says why ("HTTP 500", "超时", "没来得及下载"). */
        public static Page failed(URI uri, String problem) {
            Args.check(problem != null && !problem.isBlank(), "problem", problem, "say why the page failed", "要写明失败的原因");
            return new Page(uri, null, problem);
        }

        /** Whether the page was downloaded. */
        public boolean ok() {
            return body != null;
        }

        @Override
        public String toString() {
            return ok() ? "✔ " + uri + "  " + body.length() + " 字节" : "✘ " + uri + "  " + problem;
        }
    }

    /**
     * The learner's bank. Accounts are numbered from 0.
     *
     * <p>学习者写的银行。多个线程会同时调用它的方法。
     */
    public interface Bank {
        /**
         * Moves {@code amount} from account {@code from} to account {@code to} and returns true; returns
         * false and changes nothing when {@code from} has less than {@code amount}. {@code from} and
         * {@code to} may be the same account (nothing changes).
         *
         * @throws IllegalArgumentException when an account does not exist or amount is not positive
         */
        boolean transfer(int from, int to, long amount);

        /** The balance of {@code account}. */
        long balance(int account);

        /** The sum of all balances at one instant: never a transfer half done. */
        long total();
    }

    /** 爬虫 1：every address once, the good pages with their text, the failing ones with a reason. */
    public static Verdict crawlCorrect(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        return CrawlChecks.correct(crawler);
    }

    /** 爬虫 2：never more requests at once than {@code perSite} to one site and {@code poolSize} in all. */
    public static Verdict crawlPolite(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        return CrawlChecks.polite(crawler);
    }

    /** 爬虫 3：16 pages of 0.6 s, 4 at a time, within the time budget. */
    public static Verdict crawlFast(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        return CrawlChecks.fast(crawler);
    }

    /** 爬虫 4：returns by the deadline, with the pages not done reported and no download left running. */
    public static Verdict crawlDeadline(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        return CrawlChecks.deadline(crawler);
    }

    /** 银行 1：the rules of a transfer, on one thread. */
    public static Verdict bankRules(Answer<long[], Bank> bank) {
        return BankChecks.rules(bank);
    }

    /** 银行 2：threads transferring in every direction at once all finish. */
    public static Verdict bankNoDeadlock(Answer<long[], Bank> bank) {
        return BankChecks.noDeadlock(bank);
    }

    /** 银行 3：under the same stress the total never changes, seen by an auditor too. */
    public static Verdict bankTotal(Answer<long[], Bank> bank) {
        return BankChecks.total(bank);
    }

    /** 银行 4：200 000 transfers on 4 threads within the time budget. */
    public static Verdict bankFast(Answer<long[], Bank> bank) {
        return BankChecks.fast(bank);
    }
}
