package course.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JavaSourceTest {

    @AfterEach
    void nothingIsLeftRunning() {
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList());
    }

    @Test
    void findsTheTopLevelClassesAndRunsThePublicOne() {
        JavaSource src = JavaSource.of("""
                class Helper { static String hi() { return "你好"; } }
                public class Hello {
                    public static void main(String[] args) { System.out.println(Helper.hi()); System.out.println("第二行"); }
                }
                """);
        assertEquals(List.of("Helper", "Hello"), src.classNames());
        assertEquals("Hello", src.mainClass());
        SourceRunResult r = src.run(Duration.ofSeconds(30));
        assertEquals(List.of("你好", "第二行"), r.lines().stream().map(SourceRunResult.Line::text).toList());
        assertTrue(r.succeeded() && r.ended() && !r.timedOut());
        assertEquals(0, r.exitCode());
        assertTrue(r.verdict().contains("自己结束了（退出码 0）"), r.verdict());
        assertTrue(r.printed("第二行") && r.secondsOf("你好") > 0 && r.secondsOf("没有") == -1);
    }

    @Test
    void compileErrorsNameTheLineInChineseAndPointAtTheColumn() {
        SourceException e = assertThrows(SourceException.class, () -> JavaSource.of("""
                public class Broken {
                    void f() { y = 1; }
                }
                """).compileTo(Files.createTempDirectory("course-test-")));
        assertTrue(e.getMessage().startsWith("编译失败："), e.getMessage());
        assertTrue(e.getMessage().contains("第 2 行：找不到符号"), e.getMessage());
        assertTrue(e.getMessage().contains("\n          void f() { y = 1; }\n" + " ".repeat(21) + "^"), e.getMessage());
        assertEquals(1, e.errors().size());
        SourceException syntax = assertThrows(SourceException.class, () -> JavaSource.of("public class X { int x = ; }"));
        assertTrue(syntax.getMessage().startsWith("源代码有语法错误"), syntax.getMessage());
        assertTrue(assertThrows(SourceException.class, () -> JavaSource.of("// 只有注释")).getMessage().contains("没有类"));
    }

    @Test
    void compileToWritesClassFilesIntoTheFolder(@TempDir Path dir) {
        List<Path> files = JavaSource.of("public class A { class Inner {} } class B {}").compileTo(dir);
        assertEquals(List.of("A$Inner.class", "A.class", "B.class"),
                files.stream().map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void aProgramThatDoesNotEndIsDestroyedAtTheTimeLimitAndSaysSoInChinese() {
        SourceRunResult r = JavaSource.of("""
                public class Spin {
                    public static void main(String[] args) {
                        System.out.println("开始转圈");
                        while (true) { Thread.onSpinWait(); }
                    }
                }
                """).run(Duration.ofMillis(1500));
        assertTrue(r.timedOut());
        assertNull(r.exitCode());
        assertEquals(Duration.ofMillis(1500), r.elapsed());
        assertTrue(r.verdict().contains("1.5 秒内程序没有结束：时间到，已经结束了子 JVM"), r.verdict());
    }

    @Test
    void aProgramKilledFromOutsideIsReportedAsKilled(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("started");
        String code = """
                import java.nio.file.*;
                public class Victim {
                    public static void main(String[] args) throws Exception {
                        Files.writeString(Path.of("%s"), "x");
                        Thread.sleep(60_000);
                    }
                }
                """.formatted(started.toString().replace("\\", "\\\\"));
        CompletableFuture<SourceRunResult> run = CompletableFuture.supplyAsync(() -> JavaSource.of(code).run(Duration.ofSeconds(30)));
        while (!Files.exists(started)) {
            Thread.onSpinWait();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        SourceRunResult r = run.get();
        assertTrue(r.ended());
        assertFalse(r.succeeded());
        assertEquals(137, r.exitCode());
        assertTrue(r.verdict().contains("被信号 9 杀死了（退出码 137）"), r.verdict());
    }

    @Test
    void aClassWithoutMainAndAnExceptionEndWithTheirReasons() {
        SourceRunResult noMain = JavaSource.of("public class NoMain { }").run(Duration.ofSeconds(30));
        assertEquals(SourceMain.NO_MAIN_EXIT_CODE, noMain.exitCode());
        assertTrue(noMain.verdict().contains("类 NoMain 里没有 main 方法"), noMain.verdict());
        SourceRunResult thrown = JavaSource.of("""
                public class Thrower {
                    public static void main(String[] args) { throw new IllegalStateException("坏了"); }
                }
                """).run(Duration.ofSeconds(30));
        assertEquals(1, thrown.exitCode());
        assertTrue(thrown.verdict().contains("出错结束（退出码 1）：Exception in thread \"main\" java.lang.IllegalStateException: 坏了"),
                thrown.verdict());
        assertTrue(thrown.stderr().contains("at Thrower.main(Thrower.java:2)"), thrown.stderr());
        assertFalse(thrown.stderr().contains("SourceMain"), "reflective frames are cut: " + thrown.stderr());
    }

    @Test
    void badTimeLimitsAreRefused() {
        JavaSource src = JavaSource.of("public class T { }");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> src.run(Duration.ZERO)).getMessage()
                .contains("timeout (PT0S) must be positive / 时间限制必须大于 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> src.run(Duration.ofMinutes(2))).getMessage()
                .contains("时间限制不能超过 60 秒"));
    }
}
