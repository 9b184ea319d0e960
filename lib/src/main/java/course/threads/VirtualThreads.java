package course.threads;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import course.base.Args;

/**
 * Virtual threads (Java 21+) reached by reflection, so the course still compiles and runs on Java 17.
 *
 * <p>虚拟线程（virtual thread）是 Java 21 才正式提供的轻量线程。课程要求在 Java 17 上也能运行，
 * 所以这里通过反射调用：{@link #available()} 告诉你当前 JVM 有没有虚拟线程；
 * 有的话 {@link #newPerTaskExecutor()} 返回"每个任务一个虚拟线程"的执行器，
 * 没有的话抛出异常，异常信息用中文说明需要哪个版本的 JDK。
 *
 * <pre>{@code
 * if (VirtualThreads.available()) {
 *     try (ExecutorService ex = VirtualThreads.newPerTaskExecutor()) { ... }
 * } else {
 *     System.out.println(VirtualThreads.unavailableMessage());
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods are stateless and may be called from any thread.
 */
public final class VirtualThreads {

    /** The first Java feature release where virtual threads are a final (non-preview) feature. */
    public static final int SINCE = 21;

    private VirtualThreads() {
    }

    /** Whether this JVM has virtual threads without preview flags (Java 21 or newer). */
    public static boolean available() {
        return Runtime.version().feature() >= SINCE && method(Executors.class,
                "newVirtualThreadPerTaskExecutor") != null;
    }

    /** The Chinese sentence a notebook prints when virtual threads are missing. */
    public static String unavailableMessage() {
        return "当前 JVM 是 Java " + Runtime.version().feature() + "，没有虚拟线程（virtual thread）："
                + "虚拟线程从 Java " + SINCE + " 起才正式提供。请用 JDK " + SINCE
                + " 或更新的版本启动内核再试；本课程其余内容在 Java 17 上都能运行。";
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()}: every submitted task gets its own new
     * virtual thread. Close it (try-with-resources) to wait for the tasks.
     *
     * @throws UnsupportedOperationException when {@link #available()} is false, with
     *                                       {@link #unavailableMessage()} as message
     */
    public static ExecutorService newPerTaskExecutor() {
        requireAvailable();
        return (ExecutorService) invoke(method(Executors.class,
                "newVirtualThreadPerTaskExecutor"), null);
    }

    /**
     * Starts {@code task} on a new virtual thread called {@code name}
     * ({@code Thread.ofVirtual().name(name).start(task)}).
     *
     * @throws UnsupportedOperationException when {@link #available()} is false
     */
    public static Thread start(String name, Runnable task) {
        Args.notNull("name", name);
        Args.notNull("task", task);
        requireAvailable();
        Class<?> builderType = builderType();
        Object builder = invoke(method(Thread.class, "ofVirtual"), null);
        Object named = invoke(method(builderType, "name", String.class), builder, name);
        return (Thread) invoke(method(builderType, "start", Runnable.class), named, task);
    }

    /** Whether {@code thread} is a virtual thread; always false on Java 17. */
    public static boolean isVirtual(Thread thread) {
        Args.notNull("thread", thread);
        Method m = method(Thread.class, "isVirtual");
        return m != null && (Boolean) invoke(m, thread);
    }

    private static void requireAvailable() {
        if (!available()) {
            throw new UnsupportedOperationException(unavailableMessage());
        }
    }

    /** The public interface {@code Thread.Builder}: its methods are callable, the hidden implementation's are not. */
    private static Class<?> builderType() {
        try {
            return Class.forName("java.lang.Thread$Builder");
        } catch (ClassNotFoundException e) {
            throw new UnsupportedOperationException(unavailableMessage(), e);
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... params) {
        try {
            return type.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("virtual thread call " + m.getName() + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("virtual thread call " + m.getName() + " not accessible: " + e, e);
        }
    }
}
