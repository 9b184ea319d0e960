package course.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import course.base.Args;

/**
 * A small web server on 127.0.0.1 for demos: each path answers after a chosen delay with a chosen number of bytes,
 * or fails on purpose (an HTTP error status, or no answer at all so the client times out).
 *
 * <p>本地演示用的网页服务器：只监听 127.0.0.1（本机），端口由系统挑一个空闲的。每个路径可以设定
 * "等多久再回答"（模拟慢网站）和"回答多少字节"；也可以故意出错：返回 HTTP 500，或者一直不回答，
 * 让客户端超时。这样笔记本不需要联网，也能演示"同时下载很多网页"。用完一定要关掉（try-with-resources）：
 * 关闭后端口被释放，服务器的线程全部结束。
 *
 * <pre>{@code
 * try (PageServer server = PageServer.start()) {
 *     List<URI> pages = server.pages(12, Duration.ofSeconds(1));    // /page/1 … /page/12，每页 1 秒
 *     server.fail("/broken", 500);
 *     HttpClient client = HttpClient.newHttpClient();
 *     HttpResponse<String> r = client.send(HttpRequest.newBuilder(pages.get(0)).build(),
 *                                          HttpResponse.BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <p>Thread-safety: paths may be added while the server runs; every method may be called from any thread.
 * Requests are served concurrently, each on its own daemon thread named {@code 页面服务器-N}.
 */
public final class PageServer implements AutoCloseable {

    /** How one path answers. 一个路径的回答方式。 */
    public record Route(String path, Duration delay, int size, int status, boolean hang) {
        @Override
        public String toString() {
            String what = hang ? "不回答（客户端会超时）" : status == 200 ? size + " 字节" : "HTTP " + status;
            return String.format(Locale.ROOT, "%-14s 等待 %5d ms  %s", path, delay.toMillis(), what);
        }
    }

    private static final Set<String> SERVER_THREAD_NAMES = Set.of("HTTP-Dispatcher", "server-timer", "server-timer1");

    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final InFlight inFlight = new InFlight();
    private final InFlight group;
    private final List<Thread> serverThreads = new CopyOnWriteArrayList<>();
    /** Every thread the pool made: awaitTermination returns before a worker thread has quite ended. */
    private final List<Thread> workerThreads;
    private volatile boolean closed;

    private PageServer(HttpServer http, ThreadPoolExecutor workers, List<Thread> workerThreads, InFlight group) {
        this.http = http;
        this.workers = workers;
        this.workerThreads = workerThreads;
        this.group = group;
    }

    /**
     * Starts a server on 127.0.0.1 at a free port, with no paths yet (every path answers 404 until added).
     *
     * @throws IllegalStateException when the server cannot bind
     */
    public static PageServer start() {
        return start(new InFlight());
    }

    /** Like {@link #start()}; {@code group} also counts this server's requests in flight (see {@link PageSites}). */
    static PageServer start(InFlight group) {
        AtomicInteger n = new AtomicInteger();
        List<Thread> workerThreads = new CopyOnWriteArrayList<>();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "页面服务器-" + n.incrementAndGet());
                    t.setDaemon(true);
                    workerThreads.add(t);
                    return t;
                });
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(loopback(), 0), 50);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new IllegalStateException("cannot bind 127.0.0.1 / 无法在本机 127.0.0.1 上启动服务器: " + e, e);
        }
        http.setExecutor(workers);
        PageServer server = new PageServer(http, workers, workerThreads, group);
        server.page("/", Duration.ZERO, 0);
        http.createContext("/", server::handle);
        http.start();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && SERVER_THREAD_NAMES.contains(t.getName()))
                .forEach(server.serverThreads::add);
        return server;
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[]{127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Adds (or replaces) a path that answers 200 after {@code delay} with {@code size} bytes of text.
     *
     * @return this server, to chain calls
     * @throws IllegalArgumentException when path does not start with "/", delay is negative or size is negative
     */
    public PageServer page(String path, Duration delay, int size) {
        return route(new Route(checkPath(path), checkDelay(delay), checkSize(size), 200, false));
    }

    /**
     * Adds {@code /page/1} … {@code /page/n}, each answering after {@code delay} with 2000 bytes.
     *
     * <p>添加 n 个网页 {@code /page/1} … {@code /page/n}，每个都等 {@code delay} 再回答。
     *
     * @return their addresses, in order
     * @throws IllegalArgumentException when n is not positive or delay is negative
     */
    public List<URI> pages(int n, Duration delay) {
        Args.positive("n", n, "网页个数");
        List<URI> uris = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            page("/page/" + i, delay, 2000);
            uris.add(uri("/page/" + i));
        }
        return List.copyOf(uris);
    }

    /**
     * Adds a path that answers with HTTP {@code status} (for example 500) and a short Chinese error text.
     *
     * @throws IllegalArgumentException when status is not between 400 and 599
     */
    public PageServer fail(String path, int status) {
        return fail(path, status, Duration.ZERO);
    }

    /** Like {@link #fail(String, int)}, answering only after {@code delay}. */
    public PageServer fail(String path, int status, Duration delay) {
        Args.check(status >= 400 && status <= 599, "status", status, "be an HTTP error between 400 and 599",
                "出错状态码应在 400–599 之间");
        return route(new Route(checkPath(path), checkDelay(delay), 0, status, false));
    }

    /**
     * Adds a path that never answers (until the server closes), so a client with a timeout gets
     * {@link java.net.http.HttpTimeoutException}.
     *
     * <p>这个路径永远不回答（直到服务器关闭）：客户端设置了超时就会收到超时异常。
     */
    public PageServer hang(String path) {
        return route(new Route(checkPath(path), Duration.ZERO, 0, 0, true));
    }

    private PageServer route(Route r) {
        if (closed) {
            throw new IllegalStateException("server is closed / 服务器已经关闭");
        }
        routes.put(r.path(), r);
        return this;
    }

    /** The address of {@code path} on this server, e.g. {@code http://127.0.0.1:41234/page/1}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + checkPath(path));
    }

    /** The port chosen by the system. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The address the server listens on (always 127.0.0.1). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The paths and how they answer, sorted by path. */
    public List<Route> routes() {
        return List.copyOf(new TreeMap<>(routes).values());
    }

    /** How many requests arrived so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * How many requests are being answered right now: a request counts from its arrival until its answer is ready
     * to send, so requests sent one after another, each after reading the last answer, never count twice.
     */
    public int inFlight() {
        return inFlight.now();
    }

    /** The most requests that were being answered at the same time. 同一时刻最多有几个请求在处理。 */
    public int maxInFlight() {
        return inFlight.most();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the server: unblocks hanging paths, interrupts pending delays, frees the port and waits (at most 5 s)
     * for every server thread to end. Calling it again does nothing.
     *
     * <p>关闭服务器：释放端口，结束它所有的线程。再调用一次没有作用。
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        http.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread t : workerThreads) {
                t.join(5000);
            }
            for (Thread t : serverThreads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "PageServer http://127.0.0.1:%d%s, %d 个请求",
                port(), closed ? " (已关闭)" : "", requests()));
        for (Route r : routes()) {
            sb.append("\n  ").append(r);
        }
        return sb.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        inFlight.enter();
        group.enter();
        boolean counted = true;
        try {
            exchange.getRequestBody().readAllBytes();
            Route r = routes.get(exchange.getRequestURI().getPath());
            int status;
            String text;
            if (r == null) {
                status = 404;
                text = "404 没有这个页面: " + exchange.getRequestURI().getPath();
            } else if (r.hang()) {
                closing.await();
                return;
            } else if (!r.delay().isZero() && closing.await(r.delay().toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            } else if (r.status() != 200) {
                status = r.status();
                text = r.status() + " 页面出错了（故意的）: " + r.path();
            } else {
                status = 200;
                text = r.path().equals("/") ? toString() : body(r.path(), r.size());
            }
            // The answer is ready: the request stops counting before its bytes go out, so a client that sends its
            // next request only after reading this answer is never counted twice at once.
            leave();
            counted = false;
            send(exchange, status, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
            if (counted) {
                leave();
            }
        }
    }

    private void leave() {
        group.leave();
        inFlight.leave();
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Exactly {@code size} ASCII bytes, starting with the path. */
    static String body(String path, int size) {
        StringBuilder sb = new StringBuilder(size);
        String head = "page " + path + "\n";
        sb.append(head, 0, Math.min(head.length(), size));
        String filler = "0123456789abcdefghijklmnopqrstuvwxyz\n";
        while (sb.length() < size) {
            sb.append(filler.charAt(sb.length() % filler.length()));
        }
        return sb.toString();
    }

    private static String checkPath(String path) {
        Args.check(path != null && path.startsWith("/"), "path", path, "start with \"/\"", "路径必须以 / 开头，例如 \"/page/1\"");
        return path;
    }

    private static Duration checkDelay(Duration delay) {
        return Args.notNegative("delay", delay, "等待时间");
    }

    private static int checkSize(int size) {
        return Args.notNegative("size", size, "字节数");
    }
}
