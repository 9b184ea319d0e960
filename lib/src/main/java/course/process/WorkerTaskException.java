package course.process;

/**
 * A {@link ProcessPool} task threw inside its worker; the worker lives on.
 *
 * <p>任务在工作进程里抛出了异常：异常对象本身不能跨进程传过来，传过来的是它的文字描述。
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class WorkerTaskException extends RuntimeException {

    WorkerTaskException(String task, long pid, String error) {
        super("task " + task + " failed in worker pid " + pid + ": " + error);
    }
}
