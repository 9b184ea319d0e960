package course.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PageSitesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void eachSiteHasItsOwnPortAndPages() throws Exception {
        try (PageSites sites = PageSites.start(3)) {
            assertEquals(3, sites.all().size());
            assertNotEquals(sites.site(1).uri("/").getAuthority(), sites.site(2).uri("/").getAuthority());
            URI page = sites.site(2).pages(1, Duration.ZERO).get(0);
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.body().startsWith("page /page/1"), r.body());
            assertEquals(404, CLIENT.send(HttpRequest.newBuilder(sites.site(1).uri("/page/1")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "site 1 has no pages");
            assertEquals(2, sites.requests());
        }
    }

    @Test
    void requestsInFlightAreCountedPerSiteAndTogether() throws Exception {
        PageSites sites = PageSites.start(2);
        sites.site(1).hang("/hang");
        sites.site(2).hang("/hang");
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (URI u : List.of(sites.site(1).uri("/hang"), sites.site(2).uri("/hang"), sites.site(2).uri("/hang"))) {
            pending.add(CLIENT.sendAsync(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString()));
        }
        while (sites.inFlight() < 3) { // a condition, bounded by the class @Timeout
            Thread.onSpinWait();
        }
        sites.close();
        pending.forEach(f -> f.handle((r, e) -> null).join());
        assertEquals(3, sites.maxInFlight());
        assertEquals(1, sites.site(1).maxInFlight());
        assertEquals(2, sites.site(2).maxInFlight());
        assertTrue(sites.all().stream().allMatch(PageServer::isClosed));
        assertTrue(sites.toString().startsWith("2 个网站，3 个请求，同时最多 3 个"), sites.toString());
    }

    @Test
    void badNumbersNameTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PageSites.start(0))
                .getMessage().startsWith("count (0) must be in 1..20"));
        try (PageSites sites = PageSites.start(1)) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> sites.site(2))
                    .getMessage().startsWith("number (2) must be in 1..1"));
        }
    }
}
