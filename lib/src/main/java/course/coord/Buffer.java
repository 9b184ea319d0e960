package course.coord;

import java.util.concurrent.BlockingQueue;

import course.base.Args;

/**
 * A bounded buffer between producer and consumer threads: {@link #put} waits while it is full, {@link #take}
 * waits while it is empty.
 *
 * <p>有界缓冲区（bounded buffer）：生产者 {@link #put} 放东西，满了就等；消费者 {@link #take} 拿东西，
 * 空了就等。第 10 节自己写一个（{@code class BoundedBuffer<T> implements Buffer<T>}），再交给
 * {@link BufferLab} 和 JDK 的 {@code ArrayBlockingQueue}（用 {@link #of(BlockingQueue)} 包一下）放在同样的压力下比一比。
 *
 * <pre>{@code
 * class BoundedBuffer<T> implements Buffer<T> {
 *     public synchronized void put(T item) throws InterruptedException { ... }
 *     public synchronized T take() throws InterruptedException { ... }
 * }
 * BufferLab.of(capacity -> new BoundedBuffer<>(capacity)).run()
 * }</pre>
 *
 * <p>Thread-safety: an implementation must allow any number of threads to call {@code put} and {@code take}
 * at the same time; that is what {@link BufferLab} checks.
 *
 * @param <T> what the buffer holds
 */
public interface Buffer<T> {

    /**
     * Adds {@code item}, waiting while the buffer is full.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    void put(T item) throws InterruptedException;

    /**
     * Removes and returns the oldest item, waiting while the buffer is empty.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    T take() throws InterruptedException;

    /**
     * The JDK's blocking queue seen as a buffer ({@code put} → {@link BlockingQueue#put}, {@code take} →
     * {@link BlockingQueue#take}): the reference the course's own buffers are compared with.
     *
     * <p>把 JDK 的阻塞队列当作缓冲区，和自己写的放在一起比较。
     */
    static <T> Buffer<T> of(BlockingQueue<T> queue) {
        Args.notNull("queue", queue);
        return new Buffer<>() {
            @Override
            public void put(T item) throws InterruptedException {
                queue.put(item);
            }

            @Override
            public T take() throws InterruptedException {
                return queue.take();
            }

            @Override
            public String toString() {
                return queue.getClass().getSimpleName();
            }
        };
    }
}
