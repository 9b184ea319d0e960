package course.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import course.base.Args;

/**
 * Several {@link PageServer}s on 127.0.0.1, one per site (each on its own port), that also count
 * together how many requests they are answering at once: the playground of a polite crawler.
 *
 * <p>几个演示"网站"：每个网站是一个 {@link PageServer}，都在本机 127.0.0.1，各用一个端口，
 * 所以区分网站要看"主机名加端口"（{@code uri.getAuthority()}，例如 {@code 127.0.0.1:41234}）。
 * 每个网站自己记录"同一时刻最多几个请求"（{@link PageServer#maxInFlight()}），{@link #maxInFlight()}
 * 记录所有网站加在一起的：礼貌的爬虫对每个网站、对全部网站都有上限，这里能看出来有没有超。
 *
 * <pre>{@code
 * try (PageSites sites = PageSites.start(3)) {
 *     List<URI> news = sites.site(1).pages(5, Duration.ofMillis(300));
 *     sites.site(2).fail("/broken", 500);
 *     ...
 *     System.out.println(sites.maxInFlight() + " 个请求同时在处理");
 * }
 * }</pre>
 *
 * <p>Thread safety: as {@link PageServer}; every method may be called from any thread.
 */
public final class PageSites implements AutoCloseable {

    private final List<PageServer> sites;
    private final InFlight inFlight;

    private PageSites(List<PageServer> sites, InFlight inFlight) {
        this.sites = List.copyOf(sites);
        this.inFlight = inFlight;
    }

    /**
     * Starts {@code count} sites, each a page server at a free port, with no paths yet.
     *
     * @throws IllegalArgumentException when count is not between 1 and 20
     * @throws IllegalStateException when a server cannot bind (the ones started are closed again)
     */
    public static PageSites start(int count) {
        Args.inRange("count", count, 1, 20, "网站个数");
        InFlight together = new InFlight();
        List<PageServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                started.add(PageServer.start(together));
            }
        } catch (RuntimeException e) {
            started.forEach(PageServer::close);
            throw e;
        }
        return new PageSites(started, together);
    }

    /**
     * Site {@code number}, counted from 1.
     *
     * @throws IllegalArgumentException when there is no such site
     */
    public PageServer site(int number) {
        return sites.get(Args.inRange("number", number, 1, sites.size(), "网站编号") - 1);
    }

    /** Every site, in order. */
    public List<PageServer> all() {
        return sites;
    }

    /** Requests all the sites are answering right now. */
    public int inFlight() {
        return inFlight.now();
    }

    /** The most requests all the sites were answering at the same time. 所有网站加在一起，同一时刻最多几个请求。 */
    public int maxInFlight() {
        return inFlight.most();
    }

    /** Requests that arrived at any site so far. */
    public int requests() {
        return sites.stream().mapToInt(PageServer::requests).sum();
    }

    /** Closes every site (see {@link PageServer#close()}). Calling it again does nothing. */
    @Override
    public void close() {
        sites.forEach(PageServer::close);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d 个网站，%d 个请求，同时最多 %d 个",
                sites.size(), requests(), maxInFlight()));
        for (int i = 0; i < sites.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%n网站 %d: ", i + 1)).append(sites.get(i));
        }
        return sb.toString();
    }
}
