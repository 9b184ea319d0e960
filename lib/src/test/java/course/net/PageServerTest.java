package course.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PageServerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsSentOneAfterAnotherAreNeverInFlightTogether() throws Exception {
        try (PageServer server = PageServer.start().page("/a", Duration.ZERO, 10)) {
            for (int i = 0; i < 50; i++) {
                CLIENT.send(HttpRequest.newBuilder(server.uri("/a")).build(), HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(50, server.requests());
            assertEquals(1, server.maxInFlight(), "an answer stops counting before the client can read it");
        }
    }

    @Test
    void pageAnswersWithTheChosenSizeNoSoonerThanItsDelay() throws Exception {
        try (PageServer server = PageServer.start().page("/slow", Duration.ofMillis(300), 1234)) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(server.uri("/slow"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode());
            assertEquals(1234, r.body().length());
            assertTrue(r.body().startsWith("page /slow\n"), r.body().substring(0, 20));
            assertTrue(ms >= 300, "answered after " + ms + " ms, before its 300 ms delay");
            assertEquals(1, server.requests());
        }
    }

    @Test
    void pagesAreNumberedFromOne() throws Exception {
        try (PageServer server = PageServer.start()) {
            List<URI> pages = server.pages(3, Duration.ZERO);
            assertEquals(List.of(server.uri("/page/1"), server.uri("/page/2"), server.uri("/page/3")), pages);
            assertTrue(get(pages.get(2)).body().startsWith("page /page/3"));
        }
    }

    @Test
    void failingPathAnswersItsErrorStatus() throws Exception {
        try (PageServer server = PageServer.start().fail("/broken", 500)) {
            HttpResponse<String> r = get(server.uri("/broken"));
            assertEquals(500, r.statusCode());
            assertTrue(r.body().contains("故意"), r.body());
            assertEquals(404, get(server.uri("/nothing")).statusCode());
        }
    }

    @Test
    void hangingPathMakesTheClientTimeOutAndCloseReleasesIt() throws Exception {
        try (PageServer server = PageServer.start().hang("/hang")) {
            HttpRequest req = HttpRequest.newBuilder(server.uri("/hang")).timeout(Duration.ofMillis(200)).build();
            assertThrows(HttpTimeoutException.class, () -> CLIENT.send(req, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void requestsAreServedAtTheSameTime() throws Exception {
        try (PageServer server = PageServer.start().hang("/hang")) {
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pending.add(CLIENT.sendAsync(HttpRequest.newBuilder(server.uri("/hang")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            while (server.maxInFlight() < 3) { // a condition, bounded by the class @Timeout
                Thread.onSpinWait();
            }
            assertEquals(3, server.inFlight(), "hanging requests never finish before close");
            server.close();
            for (var f : pending) {
                f.handle((r, e) -> null).join(); // the connection is closed without an answer
            }
        }
    }

    @Test
    void bindsOnlyTheLoopbackAddress() throws Exception {
        try (PageServer server = PageServer.start()) {
            assertEquals(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), server.address().getAddress());
            assertEquals("127.0.0.1", server.uri("/").getHost());
            List<InetAddress> others = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                    .collect(Collectors.toList());
            assumeTrue(!others.isEmpty(), "this machine has no non-loopback IPv4 address");
            for (InetAddress a : others) {
                try (Socket s = new Socket()) {
                    assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(a, server.port()), 2000),
                            "reachable on " + a);
                }
            }
        }
    }

    @Test
    void closeFreesThePortAndStopsItsThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        PageServer server = PageServer.start().page("/a", Duration.ofSeconds(30), 10);
        int port = server.port();
        CompletableFuture<HttpResponse<String>> pending = CLIENT.sendAsync(
                HttpRequest.newBuilder(server.uri("/a")).build(), HttpResponse.BodyHandlers.ofString());
        while (server.inFlight() < 1) {
            Thread.onSpinWait();
        }
        server.close();
        server.close(); // twice is fine
        assertTrue(server.isClosed());
        pending.handle((r, e) -> null).join();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(PageServer.loopback(), port));
            assertEquals(port, again.getLocalPort());
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(n -> n.startsWith("页面服务器") || n.startsWith("HTTP-Dispatcher") || n.startsWith("server-timer"))
                .toList();
        assertEquals(List.of(), left);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.page("/b", Duration.ZERO, 1));
        assertTrue(e.getMessage().contains("已经关闭"), e.getMessage());
    }

    @Test
    void badArgumentsNameTheValue() {
        try (PageServer server = PageServer.start()) {
            assertEquals("path (page) must start with \"/\" / 路径必须以 / 开头，例如 \"/page/1\"",
                    assertThrows(IllegalArgumentException.class, () -> server.page("page", Duration.ZERO, 1)).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> server.page("/x", Duration.ofMillis(-1), 1))
                    .getMessage().startsWith("delay (PT-0.001S) must not be negative"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> server.page("/x", Duration.ZERO, -5))
                    .getMessage().startsWith("size (-5) must not be negative"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> server.fail("/x", 200))
                    .getMessage().startsWith("status (200) must be an HTTP error"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> server.pages(0, Duration.ZERO))
                    .getMessage().startsWith("n (0) must be positive"));
        }
    }

    @Test
    void bodyHasExactlyTheRequestedSize() {
        assertEquals("", PageServer.body("/x", 0));
        assertEquals("pag", PageServer.body("/x", 3));
        assertEquals(5000, PageServer.body("/page/1", 5000).length());
    }

    @Test
    void textListsTheRoutes() throws IOException {
        try (PageServer server = PageServer.start().page("/slow", Duration.ofSeconds(1), 2000).fail("/broken", 500)) {
            String text = server.toString();
            assertTrue(text.startsWith("PageServer http://127.0.0.1:" + server.port()), text);
            assertTrue(text.contains("/broken") && text.contains("HTTP 500") && text.contains("1000 ms"), text);
        }
    }
}
