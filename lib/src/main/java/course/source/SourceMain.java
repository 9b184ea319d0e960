package course.source;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The child-JVM entry point of {@link JavaSource#run}: finds the compiled class on the class path and calls its
 * {@code main}.
 *
 * <p>子 JVM 里的入口：在类路径上找到编译好的类，调用它的 {@code main} 方法。
 *
 * <p>Command line: {@code SourceMain <className> [args...]}.
 *
 * <p>Thread-safety: runs once, on the main thread of its child JVM.
 */
public final class SourceMain {

    /** Exit code when the class or its main method cannot be found. */
    public static final int NO_MAIN_EXIT_CODE = 3;

    private SourceMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: SourceMain <className> [args...]");
            System.exit(2);
        }
        Method main;
        try {
            main = Class.forName(args[0]).getDeclaredMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("类 " + args[0] + " 里没有 main 方法：写 public static void main(String[] args) { … }");
            System.exit(NO_MAIN_EXIT_CODE);
            return;
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            System.err.println(args[0] + ".main 要是 static 的：public static void main(String[] args)");
            System.exit(NO_MAIN_EXIT_CODE);
        }
        main.setAccessible(true);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            t.setStackTrace(ownFrames(t.getStackTrace()));
            System.err.print("Exception in thread \"main\" ");
            t.printStackTrace();
            System.exit(1);
        }
    }

    /** The frames of the program itself: those above the first reflective call that started it. */
    static StackTraceElement[] ownFrames(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            String c = frames[i].getClassName();
            if (c.startsWith("jdk.internal.reflect.") || c.equals(Method.class.getName())) {
                return Arrays.copyOf(frames, i);
            }
        }
        return frames;
    }
}
