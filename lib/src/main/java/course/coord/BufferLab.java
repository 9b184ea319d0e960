package course.coord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import course.base.Args;
import course.coord.BufferLabResult.Example;
import course.coord.BufferLabResult.Stall;
import course.coord.BufferLabResult.Wrong;

/**
 * A stress test of a {@link Buffer}: many producers and consumers at once, round after round, checking that
 * nothing is lost, duplicated or reordered per producer and that nothing hangs.
 *
 * <p>有界缓冲区的压力实验：每一轮新建一个缓冲区，几个生产者各放 {@link #items(int)} 个东西
 * （生产者 p 的第 0、1、2… 个），几个消费者一起拿，每个消费者拿固定的个数；所有线程在起跑线等齐后同时出发。
 * 每一轮结束后检查：放进去的每一个都被拿到了正好一次（没有丢失、没有重复）；拿到的都是放进去的东西
 * （没有 {@code null}）；每个消费者拿到同一个生产者的东西时，顺序和放进去的顺序一样（先进先出）。
 * 实验不会卡住单元格：所有线程都在等待、却很久没有任何进展时（典型的是 {@code notify()} 叫醒了
 * "同一类"的线程），或者超过时间限制时，实验记下每个线程在哪里等，然后中断它们；中断以后还不结束的线程
 * 按名字报告出来（它们是守护线程）。默认的场景是对错误最敏感的：容量 1，消费者比生产者多。
 *
 * <pre>{@code
 * BufferLab.of(capacity -> new BoundedBuffer<>(capacity))
 *         .producers(2).consumers(6).capacity(1).items(300).rounds(8)
 *         .run()                      // BufferLabResult：作为单元格最后一行，显示对齐的结果
 * }</pre>
 *
 * <p>Thread-safety: configure and run from one thread. Every thread the lab starts is a daemon; when
 * {@link #run()} returns, each of them has ended or is named in {@link BufferLabResult#leftThreads()}.
 */
public final class BufferLab {

    /** Makes a new, empty buffer of the given capacity; may throw (the lab reports it). */
    @FunctionalInterface
    public interface Factory {
        Buffer<Object> create(int capacity) throws Exception;
    }

    /**
     * What the producers put: the {@code seq}-th item of producer {@code producer} (both from 1).
     *
     * <p>生产者放进去的东西：生产者 {@code producer} 的第 {@code seq} 个。
     */
    public record Item(int producer, int seq) {
        @Override
        public String toString() {
            return "生产者" + producer + "#" + seq;
        }
    }

    /** How long every thread must wait without any progress before the lab calls it stuck. */
    public static final Duration STALL = Duration.ofMillis(500);
    /** How often the lab looks at the threads. */
    static final long LOOK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Looks in a row that must each see every thread waiting (so that one slow look proves nothing). */
    static final int STALL_LOOKS = 10;
    /** Time the threads get to end after an interrupt. */
    static final Duration GRACE = Duration.ofMillis(500);
    /** Examples of each kind of wrong item kept for the report. */
    static final int EXAMPLES = 3;

    private final Factory factory;
    private int producers = 2;
    private int consumers = 6;
    private int capacity = 1;
    private int items = 300;
    private int rounds = 8;
    private Duration timeout = Duration.ofSeconds(10);
    private Consumer<String> progress = line -> { };

    private BufferLab(Factory factory) {
        this.factory = factory;
    }

    /** A lab for the buffers {@code factory} makes; defaults: 2 producers × 300 items, 6 consumers, capacity 1, 8 rounds. */
    public static BufferLab of(Factory factory) {
        return new BufferLab(Args.notNull("factory", factory));
    }

    /**
     * Producer threads per round.
     *
     * @throws IllegalArgumentException when not in 1..32
     */
    public BufferLab producers(int n) {
        this.producers = Args.inRange("producers", n, 1, 32, "生产者个数");
        return this;
    }

    /**
     * Consumer threads per round; together they take exactly what the producers put.
     *
     * @throws IllegalArgumentException when not in 1..32
     */
    public BufferLab consumers(int n) {
        this.consumers = Args.inRange("consumers", n, 1, 32, "消费者个数");
        return this;
    }

    /**
     * The capacity each new buffer is made with.
     *
     * @throws IllegalArgumentException when not in 1..10000
     */
    public BufferLab capacity(int n) {
        this.capacity = Args.inRange("capacity", n, 1, 10_000, "容量");
        return this;
    }

    /**
     * Items each producer puts per round.
     *
     * @throws IllegalArgumentException when not in 1..1000000
     */
    public BufferLab items(int perProducer) {
        this.items = Args.inRange("items", perProducer, 1, 1_000_000, "每个生产者放的个数");
        return this;
    }

    /**
     * Rounds, each with a new buffer and new threads; the lab stops at the first round that goes wrong.
     *
     * @throws IllegalArgumentException when not in 1..1000
     */
    public BufferLab rounds(int n) {
        this.rounds = Args.inRange("rounds", n, 1, 1000, "轮数");
        return this;
    }

    /**
     * Time limit of the whole experiment.
     *
     * @throws IllegalArgumentException when not positive
     */
    public BufferLab timeout(Duration limit) {
        this.timeout = Args.positive("timeout", limit, "时间限制");
        return this;
    }

    /** Receives a progress line at most about once a second while the lab runs (for example {@code System.out::println}). */
    public BufferLab progress(Consumer<String> lines) {
        this.progress = Args.notNull("progress", lines);
        return this;
    }

    /** Runs the rounds (stopping at the first that goes wrong) and returns what was seen. */
    public BufferLabResult run() {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long nextProgress = t0 + TimeUnit.SECONDS.toNanos(1);
        Tally tally = new Tally();
        String name = "?";
        int run = 0;
        while (run < rounds) {
            run++;
            Round round = new Round(run);
            name = round.start(name);
            if (round.buffer != null) {
                round.watch(deadline);
                round.check(tally);
            }
            tally.errors.addAll(round.errors);
            if (round.stall != null || !round.errors.isEmpty() || !tally.clean()) {
                tally.stall = round.stall;
                tally.left.addAll(round.left);
                break;
            }
            long now = System.nanoTime();
            if (now >= nextProgress && run < rounds) {
                progress.accept(String.format(Locale.ROOT, "  …缓冲区实验：已完成 %d / %d 轮", run, rounds));
                nextProgress = now + TimeUnit.SECONDS.toNanos(1);
            }
        }
        return new BufferLabResult(name, producers, consumers, capacity, items, rounds, run, tally.produced,
                tally.received, tally.lost, tally.duplicated, tally.nulls, tally.foreign, tally.reordered,
                tally.examples, tally.errors, tally.stall, tally.left, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Counts over all rounds so far. */
    private static final class Tally {
        long produced, received, lost, duplicated, nulls, foreign, reordered;
        final List<Example> examples = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> left = new ArrayList<>();
        Stall stall;

        boolean clean() {
            return lost == 0 && duplicated == 0 && nulls == 0 && foreign == 0 && reordered == 0;
        }

        /** Keeps {@code text} when fewer than {@link #EXAMPLES} examples of {@code kind} are kept. */
        void example(Wrong kind, String text) {
            if (examples.stream().filter(e -> e.kind() == kind).count() < EXAMPLES
                    && examples.stream().noneMatch(e -> e.text().equals(text))) {
                examples.add(new Example(kind, text));
            }
        }
    }

    /** One round: a new buffer, new threads released together, watched until they end or get stuck. */
    private final class Round {
        final int number;
        Buffer<Object> buffer;
        String name;
        final AtomicLong progressCount = new AtomicLong();
        final AtomicIntegerArray putsDone = new AtomicIntegerArray(producers);
        final List<List<Object>> got = new ArrayList<>();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> workers = new ArrayList<>();
        final List<String> left = new ArrayList<>();
        volatile boolean stopping;
        Stall stall;

        Round(int number) {
            this.number = number;
        }

        /** Makes the buffer and starts the threads; returns the buffer's name (or {@code previous} when it failed). */
        String start(String previous) {
            try {
                buffer = factory.create(capacity);
            } catch (Exception | Error e) {
                errors.add("new buffer: " + e);
                return previous;
            }
            if (buffer == null) {
                errors.add("new buffer: the factory returned null / 新建缓冲区的代码返回了 null");
                return previous;
            }
            CountDownLatch gate = new CountDownLatch(1);
            for (int p = 1; p <= producers; p++) {
                int producer = p;
                workers.add(daemon("生产者" + p, () -> {
                    gate.await();
                    for (int seq = 1; seq <= items; seq++) {
                        buffer.put(new Item(producer, seq));
                        putsDone.incrementAndGet(producer - 1);
                        progressCount.incrementAndGet();
                    }
                }));
            }
            int total = producers * items;
            for (int c = 0; c < consumers; c++) {
                int quota = total / consumers + (c < total % consumers ? 1 : 0);
                List<Object> mine = Collections.synchronizedList(new ArrayList<>(quota));
                got.add(mine);
                workers.add(daemon("消费者" + (c + 1), () -> {
                    gate.await();
                    for (int k = 0; k < quota; k++) {
                        mine.add(buffer.take());
                        progressCount.incrementAndGet();
                    }
                }));
            }
            workers.forEach(Thread::start);
            gate.countDown();
            String simple = buffer.getClass().getSimpleName();
            name = simple.isEmpty() ? String.valueOf(buffer) : simple;
            return name;
        }

        private Thread daemon(String name, Work work) {
            Thread t = new Thread(() -> {
                try {
                    work.run();
                } catch (InterruptedException e) {
                    if (!stopping) {
                        errors.add(name + ": interrupted / 被中断了 (InterruptedException)");
                    }
                } catch (Exception | Error e) {
                    errors.add(name + ": " + e);
                }
            }, name);
            t.setDaemon(true);
            return t;
        }

        /** Waits until every thread ended, or they all wait without progress, or the time is up. */
        void watch(long deadline) {
            long seen = -1;
            long waitingSince = -1;
            int waitingLooks = 0;
            try {
                while (workers.stream().anyMatch(Thread::isAlive)) {
                    long now = System.nanoTime();
                    long progressNow = progressCount.get();
                    boolean allWaiting = workers.stream().filter(Thread::isAlive).allMatch(BufferLab::waiting);
                    if (progressNow != seen || !allWaiting) {
                        seen = progressNow;
                        waitingSince = allWaiting ? now : -1;
                        waitingLooks = allWaiting ? 1 : 0;
                    } else if (++waitingLooks >= STALL_LOOKS && now - waitingSince >= STALL.toNanos()) {
                        stop(Stall.Kind.ALL_WAITING, now - waitingSince);
                        return;
                    }
                    if (now >= deadline) {
                        stop(Stall.Kind.TIMEOUT, timeout.toNanos());
                        return;
                    }
                    TimeUnit.NANOSECONDS.sleep(LOOK_EVERY_NANOS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(Stall.Kind.INTERRUPTED, 0);
            }
        }

        /** Records where every live thread waits, interrupts them, and names those that do not end. */
        private void stop(Stall.Kind kind, long nanos) {
            List<String> where = new ArrayList<>();
            for (Thread t : workers) {
                if (t.isAlive()) {
                    where.add(t.getName() + " " + WaitSnapshot.where(t));
                }
            }
            WaitSnapshot snapshot = WaitSnapshot.watch().monitor(name, buffer).take(workers);
            stall = new Stall(number, kind, Duration.ofNanos(nanos), where, snapshot);
            stopping = true;
            workers.forEach(Thread::interrupt);
            long end = System.nanoTime() + GRACE.toNanos();
            for (Thread t : workers) {
                try {
                    t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            workers.stream().filter(Thread::isAlive).map(Thread::getName).forEach(left::add);
        }

        /** Compares what the consumers got with what the producers put. */
        void check(Tally tally) {
            Map<Item, Integer> times = new HashMap<>();
            long received = 0;
            for (int c = 0; c < got.size(); c++) {
                int[] last = new int[producers + 1];
                List<Object> mine;
                synchronized (got.get(c)) {
                    mine = new ArrayList<>(got.get(c));
                }
                String consumer = "消费者" + (c + 1);
                for (Object x : mine) {
                    received++;
                    if (x == null) {
                        tally.nulls++;
                        tally.example(Wrong.NULL, consumer + " 的 take() 返回了 null");
                    } else if (!(x instanceof Item item) || item.producer() < 1 || item.producer() > producers) {
                        tally.foreign++;
                        tally.example(Wrong.FOREIGN, consumer + " 拿到了一个没有人放进去的东西：" + x);
                    } else {
                        times.merge(item, 1, Integer::sum);
                        if (item.seq() <= last[item.producer()]) {
                            tally.reordered++;
                            tally.example(Wrong.REORDERED, consumer + " 先拿到 " + new Item(item.producer(),
                                    last[item.producer()]) + "，后拿到 " + item + "：顺序和放进去的不一样");
                        }
                        last[item.producer()] = Math.max(last[item.producer()], item.seq());
                    }
                }
            }
            long produced = 0;
            for (int p = 0; p < producers; p++) {
                produced += putsDone.get(p);
            }
            long duplicated = 0;
            for (Map.Entry<Item, Integer> e : times.entrySet()) {
                if (e.getValue() > 1) {
                    tally.example(Wrong.DUPLICATE, e.getKey() + " 被拿到了 " + e.getValue() + " 次");
                    duplicated += e.getValue() - 1;
                }
            }
            // A stuck round may still hold up to `capacity` items in the buffer: those are not lost.
            long missing = produced - times.size() - (stall == null ? 0 : capacity);
            if (missing > 0) {
                outer:
                for (int p = 1; p <= producers; p++) {
                    for (int s = 1; s <= putsDone.get(p - 1); s++) {
                        if (!times.containsKey(new Item(p, s))) {
                            tally.example(Wrong.LOST, new Item(p, s) + " 放进去了（put 返回了），可是没有人拿到它");
                            break outer;
                        }
                    }
                }
            }
            tally.produced += produced;
            tally.received += received;
            tally.duplicated += duplicated;
            tally.lost += Math.max(0, missing);
        }
    }

    /** The body of one producer or consumer thread. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** Whether {@code t} is waiting (not running, not queued for a monitor): WAITING or TIMED_WAITING. */
    static boolean waiting(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }
}
