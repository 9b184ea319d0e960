package course.net;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being answered right now, and the most at once so far.
 *
 * <p>服务器这边的计数器：现在有几个请求正在处理，到目前为止最多同时有几个。
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
final class InFlight {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    void enter() {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    void leave() {
        now.decrementAndGet();
    }

    int now() {
        return now.get();
    }

    int most() {
        return most.get();
    }
}
