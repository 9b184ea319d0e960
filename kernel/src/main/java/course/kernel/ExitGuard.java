package course.kernel;

import java.util.logging.Level;
import java.util.logging.Logger;

import jdk.jshell.spi.ExecutionControl.ClassBytecodes;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps a cell's {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} from ending the kernel.
 *
 * <p>The kernel runs cells in its own JVM, so {@code System.exit(0)} in a cell used to end the kernel with no
 * word to the learner. The SecurityManager that could refuse it is gone from Java 24 on, so this works on
 * every JDK the same way: the classes JShell compiles for cells are rewritten as they are loaded (ASM), so
 * that their calls of those three methods, direct or as method references ({@code System::exit}), call
 * {@link #exit(int)} and its siblings here instead, which throw a {@link SecurityException} that says in
 * Chinese why. The cell ends with that error and the kernel, with all its variables, lives. Code that calls
 * them another way (by reflection, from a library) is not rewritten: {@link KernelExit} then tells the
 * running cell that the kernel is ending before it does.
 *
 * <p>单元格里的 {@code System.exit(...)} 不再结束内核：单元格以一个中文说明的 {@code SecurityException} 结束，
 * 内核和它的变量都还在。
 *
 * <p>Stateless; thread-safe.
 */
public final class ExitGuard {

    private static final Logger LOGGER = Logger.getLogger(ExitGuard.class.getSimpleName());
    private static final String SELF = ExitGuard.class.getName().replace('.', '/');
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String ON_RUNTIME = "(Ljava/lang/Runtime;I)V";

    private ExitGuard() {
    }

    /** Called instead of {@code System.exit(status)} by a cell's code. */
    public static void exit(int status) {
        throw refused("System.exit(" + status + ")");
    }

    /** Called instead of {@code runtime.exit(status)} by a cell's code. */
    public static void exit(Runtime runtime, int status) {
        throw refused("Runtime.getRuntime().exit(" + status + ")");
    }

    /** Called instead of {@code runtime.halt(status)} by a cell's code. */
    public static void halt(Runtime runtime, int status) {
        throw refused("Runtime.getRuntime().halt(" + status + ")");
    }

    private static SecurityException refused(String call) {
        return new SecurityException(call + " 没有执行：在笔记本里它会结束整个内核（所有变量和定义都会丢失）。"
                + "这个单元格停在这里，内核和后面的单元格照常运行。要提前结束一段代码，用 return 或抛出异常；"
                + "想看一个程序怎样用 exit 退出，就在子进程里运行它（第 12 节）。");
    }

    /** The classes with their exit calls rewritten (classes without any are passed on unchanged). */
    public static ClassBytecodes[] rewrite(ClassBytecodes[] classes) {
        ClassBytecodes[] out = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = new ClassBytecodes(classes[i].name(), rewrite(classes[i].name(), classes[i].bytecodes()));
        }
        return out;
    }

    /**
     * One class file with its exit calls rewritten. A class file this ASM cannot read (a JDK newer than it
     * knows) is returned unchanged: then {@link KernelExit} is the only protection.
     */
    static byte[] rewrite(String name, byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String desc, String signature, String[] exceptions) {
                    return new Rewriter(super.visitMethod(access, method, desc, signature, exceptions), changed);
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : classFile;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not check " + name + " for System.exit calls; loaded unchanged", e);
            return classFile;
        }
    }

    /** Replaces calls of and handles to System.exit, Runtime.exit and Runtime.halt in one method. */
    private static final class Rewriter extends MethodVisitor {
        private final boolean[] changed;

        Rewriter(MethodVisitor next, boolean[] changed) {
            super(Opcodes.ASM9, next);
            this.changed = changed;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && isSystemExit(owner, name, desc)) {
                changed[0] = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, "exit", desc, false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && isRuntimeExit(owner, name, desc)) {
                changed[0] = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, name, ON_RUNTIME, false); // the receiver becomes the first argument
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
            Object[] replaced = args.clone();
            for (int i = 0; i < replaced.length; i++) {
                replaced[i] = replace(replaced[i]);
            }
            super.visitInvokeDynamicInsn(name, desc, bootstrap, replaced);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(replace(value));
        }

        /** A method handle to one of the three methods becomes a handle to its replacement here. */
        private Object replace(Object constant) {
            if (constant instanceof Handle h) {
                if (h.getTag() == Opcodes.H_INVOKESTATIC && isSystemExit(h.getOwner(), h.getName(), h.getDesc())) {
                    changed[0] = true;
                    return new Handle(Opcodes.H_INVOKESTATIC, SELF, "exit", h.getDesc(), false);
                }
                if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && isRuntimeExit(h.getOwner(), h.getName(), h.getDesc())) {
                    changed[0] = true;
                    return new Handle(Opcodes.H_INVOKESTATIC, SELF, h.getName(), ON_RUNTIME, false);
                }
            }
            return constant;
        }

        private static boolean isSystemExit(String owner, String name, String desc) {
            return SYSTEM.equals(owner) && "exit".equals(name) && "(I)V".equals(desc);
        }

        private static boolean isRuntimeExit(String owner, String name, String desc) {
            return RUNTIME.equals(owner) && ("exit".equals(name) || "halt".equals(name)) && "(I)V".equals(desc);
        }
    }
}
