/*
 * Replaces org.rapaio.jupyter.kernel.core.RapaioKernel of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * What changed, against Jupyter's messaging protocol and its conformance suite (jupyter_kernel_test):
 * - Output goes to the cell it belongs to (course.kernel.Cells): System.out and System.err are the kernel's
 *   own for good (course.kernel.CellStream), so a thread that prints after its cell ended still prints into
 *   that cell, also while another cell runs, instead of into the running cell or the kernel's console.
 *   display(...), updateDisplay(...) and clearOutput(...) follow the same rule.
 * - kernel_info_reply has its status; history_request is answered (the cells run so far); is_complete says
 *   "invalid" for code JShell cannot parse; inspect_request shows signature and javadoc (course.kernel.Docs).
 * - A cell ending in display(x) no longer also shows the display's id as its result, nor one ending in printf(...)
 *   an empty result (the front end showed an empty Out[n]).
 * - System.exit in a cell does not end the kernel (course.kernel.ExitGuard); the kernel exits when the Jupyter
 *   process that started it is gone (course.kernel.KernelExit).
 */
package org.rapaio.jupyter.kernel.core;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.rapaio.jupyter.kernel.GeneralProperties;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatters;
import org.rapaio.jupyter.kernel.core.java.IsCompleteResult;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.java.io.JShellConsole;
import org.rapaio.jupyter.kernel.core.magic.MagicCompleteResult;
import org.rapaio.jupyter.kernel.core.magic.MagicEngine;
import org.rapaio.jupyter.kernel.core.magic.MagicEvalResult;
import org.rapaio.jupyter.kernel.core.magic.MagicInspectResult;
import org.rapaio.jupyter.kernel.core.magic.MagicIsCompleteResult;
import org.rapaio.jupyter.kernel.core.magic.dependencies.MimaDependencyManager;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.message.Header;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptRequest;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.jupyter.kernel.message.messages.CustomCommClose;
import org.rapaio.jupyter.kernel.message.messages.CustomCommMsg;
import org.rapaio.jupyter.kernel.message.messages.CustomCommOpen;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubClearOutput;
import org.rapaio.jupyter.kernel.message.messages.IOPubDisplayData;
import org.rapaio.jupyter.kernel.message.messages.IOPubError;
import org.rapaio.jupyter.kernel.message.messages.IOPubExecuteInput;
import org.rapaio.jupyter.kernel.message.messages.IOPubExecuteResult;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.jupyter.kernel.message.messages.IOPubUpdateDisplayData;
import org.rapaio.jupyter.kernel.message.messages.ShellCommInfoReply;
import org.rapaio.jupyter.kernel.message.messages.ShellCommInfoRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellCompleteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellCompleteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectReply;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellIsCompleteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellIsCompleteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellKernelInfoRequest;

import course.kernel.CellStream;
import course.kernel.Cells;
import course.kernel.Docs;
import course.kernel.KernelExit;
import course.kernel.Parse;
import course.kernel.Replies;
import jdk.jshell.SourceCodeAnalysis;

public class RapaioKernel {

    public static final String RJK_TIMEOUT_MILLIS = "RJK_TIMEOUT_MILLIS";
    public static final String RJK_COMPILER_OPTIONS = "RJK_COMPILER_OPTIONS";
    public static final String RJK_INIT_SCRIPT = "RJK_INIT_SCRIPT";
    public static final String RJK_CLASSPATH = "RJK_CLASSPATH";
    public static final String RJK_MIMA_CACHE = "RJK_MIMA_CACHE";

    private static final String SHELL_INIT_RESOURCE_PATH = "init.jshell";

    private static final AtomicInteger executionCount = new AtomicInteger(1);

    private final JavaEngine javaEngine;
    private final MagicEngine magicEngine;
    private final MimaDependencyManager dependencyManager;
    private final JShellConsole shellConsole;
    private final ExecutionContext ctx;
    private final Replies.CellHistory history = new Replies.CellHistory();
    private final CellStream outStream;
    private final CellStream errStream;
    private final PrintStream out;
    private final PrintStream err;

    private volatile Channels channels;

    public RapaioKernel() {
        KernelExit.watchJupyter();
        KernelEnv kernelEnv = new KernelEnv();
        this.ctx = new ExecutionContext(null);
        this.shellConsole = new JShellConsole();
        this.javaEngine = JavaEngine.builder(shellConsole, ctx)
                .withCompilerOptions(kernelEnv.compilerOptions())
                .withStartupScript(RapaioKernel.class.getClassLoader().getResourceAsStream(SHELL_INIT_RESOURCE_PATH))
                .withStartupScript(kernelEnv.initScriptContent())
                .withTimeoutMillis(kernelEnv.timeoutMillis())
                .withClasspath(kernelEnv.classpath())
                .build();
        this.javaEngine.initialize();
        this.magicEngine = new MagicEngine(this);
        this.dependencyManager = new MimaDependencyManager(kernelEnv);

        // From here on every thread's System.out and System.err go to the cell their output belongs to.
        CellStream.Sender sender = this::sendStream;
        this.outStream = new CellStream(false, System.out, sender);
        this.errStream = new CellStream(true, System.err, sender);
        this.out = outStream.printStream();
        this.err = errStream.printStream();
        System.setOut(out);
        System.setErr(err);
        Docs.useSources();
        KernelExit.sayLastWords(sender);
    }

    private void sendStream(Cells.Cell cell, boolean stderr, String text) {
        Channels c = channels;
        if (c != null) {
            c.publishTo(cell.request(), new IOPubStream(stderr ? IOPubStream.StreamName.ERR : IOPubStream.StreamName.OUT, text));
        }
    }

    public Channels channels() {
        return channels;
    }

    public JavaEngine javaEngine() {
        return javaEngine;
    }

    public MagicEngine magicEngine() {
        return magicEngine;
    }

    public ExecutionContext executionContext() {
        return ctx;
    }

    public MimaDependencyManager dependencyManager() {
        return dependencyManager;
    }

    /** Shows dd in the cell the calling thread's output belongs to (nothing when it belongs to none). */
    public void display(DisplayData dd) {
        Cells.Cell cell = Cells.owner();
        if (cell == null || channels == null) {
            return;
        }
        out.flush(); // what this thread printed before comes before the display
        err.flush();
        if (dd.hasDisplayId()) {
            Cells.displayed(dd.getDisplayId(), cell);
        }
        channels.publishTo(cell.request(), new IOPubDisplayData(dd));
    }

    /** Updates a display in the cell that showed it. */
    public void updateDisplay(DisplayData dd) {
        if (!dd.hasDisplayId()) {
            throw new IllegalArgumentException("Cannot update a display without display_id.");
        }
        Cells.Cell cell = Cells.ofDisplay(dd.getDisplayId());
        if (cell == null) {
            cell = Cells.owner();
        }
        if (cell != null && channels != null) {
            channels.publishTo(cell.request(), new IOPubUpdateDisplayData(dd));
        }
    }

    /** Clears the output of the cell the calling thread's output belongs to; with wait, once new output comes. */
    public void clearOutput(boolean wait) {
        Cells.Cell cell = Cells.owner();
        if (cell != null && channels != null) {
            out.flush();
            err.flush();
            channels.publishTo(cell.request(), new IOPubClearOutput(wait));
        }
    }

    private Replies.KernelInfo kernelInfo() {
        GeneralProperties properties = new GeneralProperties("default");
        LanguageInfo languageInfo = LanguageInfo.kernelLanguageInfo();
        String banner = languageInfo.name() + " " + languageInfo.version();
        List<LanguageInfo.Help> helpLinks = List.of(
                new LanguageInfo.Help("rapaio-jupyter-kernel homepage", "https://github.com/padreati/rapaio-jupyter-kernel"));
        return new Replies.KernelInfo("ok", Header.PROTOCOL_VERSION, properties.getKernelName(), properties.getKernelVersion(),
                languageInfo, banner, helpLinks);
    }

    public void onShutdown() {
        javaEngine.shutdown();
    }

    public void interrupt() {
        javaEngine.interrupt();
    }

    public DisplayData eval(String expr) throws Exception {
        return transformEval(javaEngine.eval(ctx, expr));
    }

    private DisplayData transformEval(Object result) {
        if (result != null) {
            if (result instanceof DisplayData dd) {
                return dd;
            }
            return DisplaySystem.inst().render(result);
        }
        return null;
    }

    public void registerChannels(Channels channels) {
        this.channels = channels;
    }

    public void handleExecuteRequest(Message<ShellExecuteRequest> message) {
        ShellExecuteRequest request = message.content();
        int count = executionCount.getAndIncrement();
        Cells.Cell cell = new Cells.Cell(message.getId(), count);
        history.add(count, request.code());

        channels.scheduleAfter(channels::freeMsgId);
        channels.busyThenIdle();
        channels.publish(new IOPubExecuteInput(request.code(), count));

        Cells.started(cell);
        try {
            // magic lines first; when a magic handled the request, that is all
            try {
                MagicEvalResult magicResult = magicEngine.eval(ctx, request.code());
                if (magicResult.handled()) {
                    if (magicResult.result() != null) {
                        channels.publish(new IOPubExecuteResult(count, transformEval(magicResult.result())));
                    }
                    channels.scheduleAfter(() -> channels.reply(ShellExecuteReply.withOk(count, Collections.emptyMap())));
                    return;
                }
            } catch (Exception e) {
                replyError(cell, e);
                return;
            }

            InputStream oldStdIn = System.in;
            System.setIn(shellConsole.getIn());
            shellConsole.bindChannels(channels, request.stdinEnabled()); // input() asks the front end
            try {
                Object result = javaEngine.eval(ctx, request.code());
                boolean displayId = result instanceof String s && Cells.ofDisplay(s) == cell; // display(x); returns the id
                DisplayData shown = displayId ? null : transformEval(result);
                flushCell(cell);
                if (shown != null && !shown.data().isEmpty()) { // empty: printf(...) on the last line, already printed
                    channels.publish(new IOPubExecuteResult(count, shown));
                }
                channels.scheduleAfter(() -> channels.reply(ShellExecuteReply.withOk(count, Collections.emptyMap())));
            } catch (Exception e) {
                replyError(cell, e);
            } finally {
                shellConsole.unbindChannels();
                System.setIn(oldStdIn);
            }
        } finally {
            flushCell(cell);
            Cells.ended(cell);
        }
    }

    private void replyError(Cells.Cell cell, Exception e) {
        flushCell(cell);
        channels.publish(IOPubError.of(e, ex -> ErrorFormatters.exceptionFormat(this, ex)));
        channels.scheduleAfter(() -> channels.replyError(MessageType.SHELL_EXECUTE_REPLY.newError(), ErrorReply.of(this, e, cell.count())));
    }

    /** What the cell's threads printed and did not send yet goes out before the cell's reply. */
    private void flushCell(Cells.Cell cell) {
        outStream.flush(cell);
        errStream.flush(cell);
    }

    public void handleIsCompleteRequest(Message<ShellIsCompleteRequest> message) {
        ShellIsCompleteRequest request = message.content();
        channels.busyThenIdle();

        MagicIsCompleteResult magicResult = magicEngine.isComplete(this, request.code());
        if (magicResult.handled()) {
            channels.reply(magicResult.buildReply());
            return;
        }
        channels.reply(isComplete(request.code()).buildReply());
    }

    /**
     * complete, incomplete (an open block, an unfinished expression), or invalid: code that cannot be parsed
     * ({@code int x = ;}, a stray {@code )}, {@code class { }}). The original asked JShell only whether the code
     * ended, and counted what it could not tell as complete.
     */
    private IsCompleteResult isComplete(String code) {
        SourceCodeAnalysis analysis = javaEngine.getSourceAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            switch (info.completeness()) {
                case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> {
                    return new IsCompleteResult(ShellIsCompleteReply.Status.INCOMPLETE);
                }
                case UNKNOWN -> {
                    return new IsCompleteResult(ShellIsCompleteReply.Status.INVALID);
                }
                default -> {
                    if (!Parse.parses(info.source())) {
                        return new IsCompleteResult(ShellIsCompleteReply.Status.INVALID);
                    }
                }
            }
            info = analysis.analyzeCompletion(info.remaining());
        }
        return new IsCompleteResult(ShellIsCompleteReply.Status.COMPLETE);
    }

    public void handleInspectRequest(Message<ShellInspectRequest> message) {
        ShellInspectRequest request = message.content();
        channels.busyThenIdle();
        try {
            MagicInspectResult magicResult = magicEngine.inspect(ctx, request.code(), request.cursorPos());
            if (magicResult.handled()) {
                DisplayData inspection = magicResult.displayData();
                channels.reply(new ShellInspectReply(inspection != null, inspection));
                return;
            }
            String text = Docs.inspect(javaEngine.getSourceAnalysis(), request.code(), request.cursorPos());
            channels.reply(new ShellInspectReply(text != null, text == null ? null : DisplayData.fromText(text)));
        } catch (Exception e) {
            channels.replyError(MessageType.SHELL_INSPECT_REPLY.newError(), ErrorReply.of(this, e, 0));
        }
    }

    public void handleCompleteRequest(Message<ShellCompleteRequest> message) {
        ShellCompleteRequest request = message.content();
        channels.busyThenIdle();
        try {
            MagicCompleteResult magicResult = magicEngine.complete(this, request.code(), request.cursorPos());

            CompleteMatches options = magicResult.handled()
                    ? magicResult.replacementOptions()
                    : javaEngine.complete(request.code(), request.cursorPos());

            if (options == null) {
                channels.reply(ShellCompleteReply.empty(request.cursorPos()));
            } else {
                channels.reply(ShellCompleteReply.from(options));
            }
        } catch (Exception e) {
            channels.replyError(MessageType.SHELL_COMPLETE_REPLY.newError(), ErrorReply.of(this, e, 0));
        }
    }

    /** The cells run so far (the original never answered, and a client that asked waited for ever). */
    public void handleHistoryRequest(Message<ShellHistoryRequest> message) {
        channels.busyThenIdle();
        channels.reply(history.answer(message.content()));
    }

    public void handleKernelInfoRequest(Message<ShellKernelInfoRequest> ignored) {
        channels.busyThenIdle();
        channels.reply(kernelInfo());
    }

    public void handleShutdownRequest(Message<ControlShutdownRequest> message) {
        ControlShutdownRequest request = message.content();
        KernelExit.requested();
        channels.busyThenIdle();

        channels.scheduleAfter(() -> channels.reply(request.restart() ? ControlShutdownReply.SHUTDOWN_AND_RESTART : ControlShutdownReply.SHUTDOWN));

        onShutdown();
        channels.runAfterActions();
        channels.markForShutdown();
    }

    public void handleInterruptRequest(Message<ControlInterruptRequest> message) {
        channels.busyThenIdle();
        channels.reply(new ControlInterruptReply());
        interrupt();
    }

    // custom communication is not implemented, however, we have to behave properly

    public void handleCommOpenCommand(Message<CustomCommOpen> message) {
        String id = message.content().commId();
        channels.busyThenIdle();
        channels.publish(new CustomCommClose(id, Transform.EMPTY_JSON_OBJ));
    }

    public void handleCommMsgCommand(Message<CustomCommMsg> ignored) {
        // no-op
    }

    public void handleCommCloseCommand(Message<CustomCommClose> ignored) {
        // no-op
    }

    public void handleCommInfoRequest(Message<ShellCommInfoRequest> message) {
        channels.busyThenIdle();
        channels.reply(new ShellCommInfoReply(new LinkedHashMap<>()));
    }
}
