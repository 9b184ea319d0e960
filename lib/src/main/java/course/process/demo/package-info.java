/**
 * The small programs the lessons run in child processes (started with
 * {@link course.process.ChildJvm}): the seed's examples as Java main classes.
 *
 * <p>课程里在子进程中运行的小程序（用 {@link course.process.ChildJvm} 启动）：原教程里的例子，
 * 每个是一个有 {@code main} 方法的类。进程的"机器"（启动子 JVM、队列、进程池）在
 * {@link course.process} 里，这里只有演示用的主程序。
 */
package course.process.demo;
