"""Jupyter's own kernel conformance suite (jupyter_kernel_test) against the installed 'java' kernel.

usage: kernel_conformance.py [--jdk MAJOR]

Every test of the suite runs (but the pager's: the kernel has no paging help command): kernel_info (complete, with status), stdout and stderr streams, completion,
is_complete (complete, incomplete and invalid code), errors, execute results, display data, history
(tail, range, search), inspect (Shift+Tab: signature and javadoc of a JDK and a course-library method) and
clear_output. Prints unittest's report and exits 1 when a test fails or is skipped (a skipped test is a
sample this file forgot to give). --jdk MAJOR: as in run_notebook.py.
"""
import sys
import unittest

import jupyter_kernel_test

import run_notebook


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "java"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("出错了");'
    completion_samples = [{"text": "Thread.currentTh", "matches": {"currentThread()"}}]
    complete_code_samples = ["int x = 1;", "System.out.println(1)", "6 * 7", "class A { }", "void f() { }\nf();",
                             "int n = 5;\nSystem.out.println(n * n);", "import java.util.concurrent.*;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int[] a = {1,", "1 +"]
    # invalid: code that cannot be parsed. A name not known yet is no reason: an earlier line of the same cell
    # may declare it, so is_complete leaves that to execution.
    invalid_code_samples = ["int x = ;", "Thread.sleep(1);)", "class { }", "x = = 2;"]
    code_generate_error = 'throw new IllegalStateException("故意的");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"多线程".length()', "result": "3"}]
    code_display_data = [{"code": 'display("text/html", "<b>粗体</b>");', "mime": "text/html"}]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Race.of"
    code_clear_output = "clearOutput();"

    def test_inspect_shows_the_javadoc_of_a_jdk_method(self):
        """Shift+Tab on Thread.join: the signatures of its overloads (and their javadoc where the JDK has src.zip)."""
        self.flush_channels()
        msg_id = self.kc.inspect("Thread t = Thread.currentThread();\nt.join", len("Thread t = Thread.currentThread();\nt.join"))
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        jupyter_kernel_test.validate_message(reply, "inspect_reply", msg_id)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("Thread.join(long millis)", reply["content"]["data"]["text/plain"])

    def test_inspect_shows_the_javadoc_of_the_course_library(self):
        """Shift+Tab on Race.of: the course library's javadoc (its sources are handed to JShell)."""
        self.flush_channels()
        msg_id = self.kc.inspect("Race.of(", len("Race.of("))
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        text = reply["content"]["data"]["text/plain"]
        self.assertIn("Race.of(course.race.RaceStrategy strategy)", text)
        self.assertIn("2 threads", text, "the javadoc of Race.of is missing: " + text)

    def test_display_does_not_echo_its_id(self):
        """display(x); as a cell's last line shows x, not also display()'s return value (the display id)."""
        self.flush_channels()
        reply, outputs = self.execute_helper('display("text/plain", "只显示一次");')
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], ["display_data"], outputs)


# Jupyter's pager (a help command whose reply carries a "page" payload): the Java kernel has no such command.
del jupyter_kernel_test.KernelTests.test_pager


class Result(unittest.TextTestResult):
    """A skipped test counts as a failure: every test of the suite must run."""

    def wasSuccessful(self):
        return super().wasSuccessful() and not self.skipped


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--jdk"] and len(args) > 1:
        run_notebook.use_jdk(args[1])
        args = args[2:]
    if args:
        sys.exit(__doc__)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(JavaKernelTests)
    result = unittest.TextTestRunner(verbosity=2, resultclass=Result).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)
