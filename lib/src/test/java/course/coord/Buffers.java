package course.coord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Buffers for the tests: the right ones and the classic wrong ones, each a few lines like a learner's. */
public final class Buffers {

    private Buffers() {
    }

    /** The exercise's shape: a ring buffer on one monitor, with a choice of {@code while}/{@code if} and {@code notifyAll}/{@code notify}. */
    public static class Monitor<T> implements Buffer<T> {
        final Object[] items;
        int putIndex;
        int takeIndex;
        int count;
        final boolean loop;
        final boolean all;

        public Monitor(int capacity, boolean loop, boolean all) {
            items = new Object[capacity];
            this.loop = loop;
            this.all = all;
        }

        /** The right one: while + notifyAll. */
        public static <T> Monitor<T> correct(int capacity) {
            return new Monitor<>(capacity, true, true);
        }

        /** {@code if} instead of {@code while}. */
        public static <T> Monitor<T> withIf(int capacity) {
            return new Monitor<>(capacity, false, true);
        }

        /** {@code notify} where {@code notifyAll} is needed. */
        public static <T> Monitor<T> withNotify(int capacity) {
            return new Monitor<>(capacity, true, false);
        }

        @Override
        public synchronized void put(T x) throws InterruptedException {
            if (loop) {
                while (count == items.length) {
                    waitHere();
                }
            } else if (count == items.length) {
                waitHere();
            }
            items[putIndex] = x;
            putIndex = (putIndex + 1) % items.length;
            count++;
            wake();
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized T take() throws InterruptedException {
            if (loop) {
                while (count == 0) {
                    waitHere();
                }
            } else if (count == 0) {
                waitHere();
            }
            T x = (T) items[takeIndex];
            items[takeIndex] = null;
            takeIndex = (takeIndex + 1) % items.length;
            count--;
            wake();
            return x;
        }

        void waitHere() throws InterruptedException {
            wait();
        }

        private void wake() {
            if (all) {
                notifyAll();
            } else {
                notify();
            }
        }
    }

    /**
     * Like {@link Monitor#withNotify} but it swallows the interrupt and waits again: an interrupt cannot stop it.
     * {@link #releaseAll()} ends the threads still waiting in one (for the tests' clean-up).
     */
    public static class Deaf<T> extends Monitor<T> {
        private static final List<Deaf<?>> MADE = new CopyOnWriteArrayList<>();
        private volatile boolean released;

        public Deaf(int capacity) {
            super(capacity, true, false);
            MADE.add(this);
        }

        @Override
        void waitHere() {
            try {
                wait();
            } catch (InterruptedException e) {
                // swallowed on purpose: the thread goes back to waiting
            }
            if (released) {
                throw new IllegalStateException("released by the test");
            }
        }

        /** Wakes every thread waiting in a Deaf buffer made so far and makes it throw, so that it ends. */
        public static void releaseAll() {
            for (Deaf<?> d : MADE) {
                d.released = true;
                synchronized (d) {
                    d.notifyAll();
                }
            }
            MADE.clear();
        }
    }

    /** The lesson's buffer: one lock, two conditions (the way ArrayBlockingQueue is built). */
    public static class TwoConditions<T> implements Buffer<T> {
        final Object[] items;
        int putIndex;
        int takeIndex;
        int count;
        final ReentrantLock lock = new ReentrantLock();
        final Condition notFull = lock.newCondition();
        final Condition notEmpty = lock.newCondition();

        public TwoConditions(int capacity) {
            items = new Object[capacity];
        }

        @Override
        public void put(T x) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (count == items.length) {
                    notFull.await();
                }
                items[putIndex] = x;
                putIndex = (putIndex + 1) % items.length;
                count++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (count == 0) {
                    notEmpty.await();
                }
                T x = (T) items[takeIndex];
                items[takeIndex] = null;
                takeIndex = (takeIndex + 1) % items.length;
                count--;
                notFull.signal();
                return x;
            } finally {
                lock.unlock();
            }
        }
    }

    /** A stack: last in, first out; correct in every other way. */
    public static class Lifo<T> implements Buffer<T> {
        final Object[] items;
        int count;

        public Lifo(int capacity) {
            items = new Object[capacity];
        }

        @Override
        public synchronized void put(T x) throws InterruptedException {
            while (count == items.length) {
                wait();
            }
            items[count++] = x;
            notifyAll();
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized T take() throws InterruptedException {
            while (count == 0) {
                wait();
            }
            T x = (T) items[--count];
            items[count] = null;
            notifyAll();
            return x;
        }
    }

    /** The untouched stub of the exercise: put does nothing, take returns null. */
    public static class Stub<T> implements Buffer<T> {
        public Stub(int capacity) {
        }

        @Override
        public synchronized void put(T x) {
        }

        @Override
        public synchronized T take() {
            return null;
        }
    }
}
