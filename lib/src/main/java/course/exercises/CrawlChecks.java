package course.exercises;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import course.check.BiAnswer;
import course.check.Exercise;
import course.check.Exercise.Verdict;
import course.exercises.Ex17.Limits;
import course.exercises.Ex17.Page;
import course.net.PageServer;
import course.net.PageSites;

/**
 * The four crawler checks of the final project, each on its own sites.
 *
 * <p>期末项目爬虫部分的四个检查：每个检查自己搭几个演示网站，在时间限制里运行学习者的爬虫，
 * 从服务器那边数同时有几个请求。每一项都以"结果完整"为前提，所以没写的爬虫一项也不会通过。
 */
final class CrawlChecks {

    /** Bytes of every page the sites serve ({@link PageServer#pages}). */
    private static final int PAGE_BYTES = 2000;
    /** The time budget of 爬虫 3: 16 pages of 600 ms, 4 at a time, take 2400 ms at best. */
    static final long FAST_BUDGET_MILLIS = 3800;
    /** 爬虫 4: the deadline, and how soon after it the crawl must have returned. */
    static final Duration DEADLINE = Duration.ofMillis(2000);
    static final long DEADLINE_SLACK_MILLIS = 800;

    private CrawlChecks() {
    }

    /** One crawl: the addresses, what the learner's code returned and left running. */
    private record Crawl(List<URI> urls, LearnerRun.Outcome<List<Page>> out) {

        /** Each address exactly once (null when it is). */
        String incomplete() {
            if (!out.ok()) {
                return "代码没有正常结束：" + out.problem();
            }
            List<Page> pages = out.result();
            if (pages == null) {
                return "返回了 null";
            }
            Map<URI, Long> counts = pages.stream().filter(p -> p != null)
                    .collect(Collectors.groupingBy(Page::uri, Collectors.counting()));
            long missing = urls.stream().filter(u -> !counts.containsKey(u)).count();
            long twice = counts.values().stream().filter(c -> c > 1).count();
            long strange = counts.keySet().stream().filter(u -> !urls.contains(u)).count() + pages.stream().filter(p -> p == null).count();
            if (missing + twice + strange == 0) {
                return null;
            }
            return String.format(Locale.ROOT, "%d 个网址，结果有 %d 条：缺 %d 个，重复 %d 个，多出 %d 个", urls.size(), pages.size(), missing, twice, strange);
        }

        boolean complete() {
            return incomplete() == null;
        }

        Map<URI, Page> byUri() {
            Map<URI, Page> m = new HashMap<>();
            if (complete()) {
                out.result().forEach(p -> m.put(p.uri(), p));
            }
            return m;
        }

        /** How many of {@code uris} are as {@code wanted}. */
        long count(List<URI> uris, Predicate<Page> wanted) {
            Map<URI, Page> m = byUri();
            return uris.stream().filter(u -> m.containsKey(u) && wanted.test(m.get(u))).count();
        }

        boolean allOk() {
            return complete() && count(urls, CrawlChecks::rightText) == urls.size();
        }

        String left() {
            return out.leftThreads().isEmpty() ? "" : "，还活着的线程：" + LearnerRun.names(out.leftThreads());
        }

        boolean noneLeft() {
            return out.leftThreads().isEmpty();
        }
    }

    private static Crawl crawl(BiAnswer<List<URI>, Limits, List<Page>> crawler, List<URI> urls, Limits limits, long limitMillis) {
        return new Crawl(urls, LearnerRun.run(() -> crawler.apply(urls, limits), limitMillis, 1000, true));
    }

    private static boolean rightText(Page p) {
        return p.ok() && p.body().length() == PAGE_BYTES && p.body().startsWith("page " + p.uri().getPath() + "\n");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** Round robin over the sites' addresses: site 1's first, site 2's first, …, then everyone's second, …. */
    private static List<URI> interleaved(List<List<URI>> perSite) {
        List<URI> out = new ArrayList<>();
        int longest = perSite.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<URI> l : perSite) {
                if (i < l.size()) {
                    out.add(l.get(i));
                }
            }
        }
        return List.copyOf(out);
    }

    @SafeVarargs
    private static List<URI> concat(List<URI>... lists) {
        List<URI> out = new ArrayList<>();
        for (List<URI> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }

    static Verdict correct(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        try (PageSites sites = PageSites.start(3)) {
            List<URI> good1 = sites.site(1).pages(4, ms(150));
            List<URI> good2 = sites.site(2).fail("/broken", 500).pages(3, ms(150));
            List<URI> good3 = sites.site(3).hang("/hang").pages(3, ms(150));
            List<URI> bad = List.of(sites.site(2).uri("/broken"), sites.site(2).uri("/missing"), sites.site(3).uri("/hang"));
            List<URI> good = concat(good1, good2, good3);
            List<URI> all = interleaved(List.of(good1, concat(good2, bad.subList(0, 2)), concat(good3, bad.subList(2, 3))));
            Crawl c = crawl(crawler, all, new Limits(4, 2, Duration.ofSeconds(2), Duration.ofSeconds(10)), 12_000);
            boolean complete = c.complete();
            long right = c.count(good, CrawlChecks::rightText);
            long reported = c.count(bad, p -> !p.ok());
            return Exercise.named("爬虫 1：结果正确")
                    .expect(complete ? "每个网址在结果里正好出现一次（" + all.size() + " 个）" : "每个网址在结果里正好出现一次：" + c.incomplete(),
                            complete, "每个网址都要有一条 Page（下载到了用 Page.ok，失败了用 Page.failed）；几个线程往同一个列表里加结果，"
                                    + "要用线程安全的集合，或者从 Future 里收集。每个请求都要有超时，否则不回答的网页会让爬虫一直等。")
                    .expect("正常的网页都下载到了，内容正确（" + right + "/" + good.size() + "）", complete && right == good.size(),
                            "状态码是 200 时，response.body() 就是网页的内容。")
                    .expect("出错的网页（HTTP 500、404、不回答）都报告为失败并写明原因（" + reported + "/" + bad.size() + "）",
                            complete && reported == bad.size(),
                            "状态码不是 200 就是失败；不回答的网页靠请求的超时发现：HttpRequest.newBuilder(uri).timeout(limits.pageTimeout())。")
                    .expect("线程池关掉了" + c.left(), complete && c.noneLeft(), "最后 shutdown() 线程池（放在 finally 里），并等它结束。")
                    .verdict();
        }
    }

    static Verdict polite(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        Limits[] limits = {new Limits(4, 2, Duration.ofSeconds(3), Duration.ofSeconds(15)),
                new Limits(3, 1, Duration.ofSeconds(3), Duration.ofSeconds(15))};
        List<String> perSite = new ArrayList<>();
        List<String> together = new ArrayList<>();
        boolean allOk = true;
        boolean sitesPolite = true;
        boolean poolBounded = true;
        boolean noneLeft = true;
        String left = "";
        for (Limits l : limits) {
            try (PageSites sites = PageSites.start(3)) {
                List<URI> siteBySite = new ArrayList<>();   // in this order, a crawler without a limit per site asks one site too much
                for (PageServer site : sites.all()) {
                    siteBySite.addAll(site.pages(4, ms(200)));
                }
                Crawl c = crawl(crawler, List.copyOf(siteBySite), l, 12_000);
                allOk &= c.allOk();
                List<Integer> most = sites.all().stream().map(PageServer::maxInFlight).toList();
                sitesPolite &= most.stream().allMatch(m -> m <= l.perSite());
                poolBounded &= sites.maxInFlight() <= l.poolSize();
                noneLeft &= c.noneLeft();
                left = left.isEmpty() ? c.left() : left;
                perSite.add("上限 " + l.perSite() + "：" + most.stream().map(String::valueOf).collect(Collectors.joining("、")));
                together.add("上限 " + l.poolSize() + "：" + sites.maxInFlight());
            }
        }
        return Exercise.named("爬虫 2：礼貌")
                .expect("两次爬取（上限 4 个/每个网站 2 个，上限 3 个/每个网站 1 个）都下载到了全部 12 个网页", allOk,
                        "先让「爬虫 1」通过。")
                .expect("每个网站同时处理的请求不超过 perSite（每个网站实际最多：" + String.join("；", perSite) + "）",
                        allOk && sitesPolite,
                        "每个网站（uri.getAuthority()）一个 Semaphore(limits.perSite())：下载前 acquire()，下载后在 finally 里 release()。")
                .expect("所有网站加起来同时处理的请求不超过 poolSize（实际最多：" + String.join("；", together) + "）",
                        allOk && poolBounded, "线程池的大小用 limits.poolSize()，下载只在池里的线程上做。")
                .expect("线程池关掉了" + left, allOk && noneLeft, "最后 shutdown() 线程池（放在 finally 里），并等它结束。")
                .verdict();
    }

    static Verdict fast(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        try (PageSites sites = PageSites.start(4)) {
            List<List<URI>> pages = new ArrayList<>();
            for (PageServer site : sites.all()) {
                pages.add(site.pages(4, ms(600)));
            }
            Crawl c = crawl(crawler, interleaved(pages), new Limits(4, 2, Duration.ofSeconds(3), Duration.ofSeconds(15)), 15_000);
            boolean allOk = c.allOk();
            Exercise ex = Exercise.named("爬虫 3：速度").expect("16 个网页都下载到了", allOk, "先让「爬虫 1」通过。");
            String time = "用时（16 个网页各要 600 ms，同时最多 4 个，4 个网站各最多 2 个：最快约 2400 ms）";
            String notYet = "还没有全部下载到";
            return ex.expectTimeIf(allOk, notYet, time, c.out().millis(), FAST_BUDGET_MILLIS,
                            "线程池里的 limits.poolSize() 个线程要一直都有活干：一个线程等某个网站的名额时，别的网站的网页也在等它。"
                                    + "想一想：名额满了的网站，它的网页可以先放一放吗？")
                    .expectIf(allOk, notYet, "线程池关掉了" + c.left(), c.noneLeft(), "最后 shutdown() 线程池（放在 finally 里），并等它结束。")
                    .verdict();
        }
    }

    static Verdict deadline(BiAnswer<List<URI>, Limits, List<Page>> crawler) {
        try (PageSites sites = PageSites.start(2)) {
            List<URI> quick = new ArrayList<>();
            List<URI> slow = new ArrayList<>();
            for (PageServer site : sites.all()) {
                quick.addAll(site.pages(2, ms(100)));
                for (int i = 1; i <= 4; i++) {
                    site.page("/slow/" + i, Duration.ofSeconds(6), PAGE_BYTES);
                    slow.add(site.uri("/slow/" + i));
                }
            }
            List<URI> urls = concat(quick, slow);
            Crawl c = crawl(crawler, urls, new Limits(4, 4, Duration.ofSeconds(10), DEADLINE), 14_000);
            boolean complete = c.complete();
            long limit = DEADLINE.toMillis() + DEADLINE_SLACK_MILLIS;
            long quickOk = c.count(quick, CrawlChecks::rightText);
            long slowReported = c.count(slow, p -> !p.ok());
            return Exercise.named("爬虫 4：截止时间与取消")
                    .expect(complete ? "每个网址在结果里正好出现一次（" + urls.size() + " 个）" : "每个网址在结果里正好出现一次：" + c.incomplete(),
                            complete, "截止时间到了还没下载完的网址，也要在结果里：Page.failed(uri, \"没来得及下载\")。")
                    .expectTimeIf(complete, "结果还不完整", "用时（截止时间是 " + DEADLINE.toMillis() + " ms，加上收尾）", c.out().millis(), limit,
                            "到了 limits.deadline() 就不再等了：invokeAll(任务, 时间, 单位) 或者 Future.get(剩下的时间, 单位)。")
                    .expect("截止前能完成的 4 个快网页都下载到了（" + quickOk + "/4）", complete && quickOk == quick.size(),
                            "快网页在网址列表的最前面，它们应该最先开始。")
                    .expect("没来得及下载的 8 个慢网页报告为失败并写明原因（" + slowReported + "/8）", complete && slowReported == slow.size(),
                            "被取消的 Future（isCancelled()）或者 get 超时的任务，对应的网址报告为失败。")
                    .expect("返回以后没有线程还在下载" + c.left(), complete && c.noneLeft(),
                            "截止时要取消还在下载的任务：future.cancel(true) 或 pool.shutdownNow()；HttpClient.send 被中断就会停下。")
                    .verdict();
        }
    }
}
