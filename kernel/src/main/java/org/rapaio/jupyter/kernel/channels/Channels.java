/*
 * Replaces org.rapaio.jupyter.kernel.channels.Channels of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * The original publishes every IOPub message under "the current message", the request being handled, or
 * under none when the kernel is idle. Output of a thread that outlives its cell then went to the wrong cell
 * or nowhere. publishTo(cell, content) names the cell's own request as the parent (course.kernel.Cells).
 *
 * connect() makes the message handlers before it binds the sockets (see there). The current request and its
 * after-actions are per handler thread, and a control request is answered on the control socket.
 */
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import course.kernel.Cells;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;
    // The request each handler thread (shell, control) is answering, the socket its reply goes to, and what to do
    // once it is handled: per thread. The original kept one of each for both threads, so a kernel_info_request that
    // the control thread answered while a cell ran on the shell thread took over the cell's request: the cell's
    // reply went out as the answer to it, or its after-actions ran early (the classic Notebook then showed [*] for
    // the first cell after a restart for ever).
    private final ThreadLocal<Deque<Runnable>> afterActions = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<MessageId<?>> msgId = new ThreadLocal<>();
    private final ThreadLocal<AbstractChannel> replyTo = new ThreadLocal<>();

    private volatile Map<MessageType<?>, MessageHandler> handlers;

    private boolean isConnected = false;
    private boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            // Handlers first, then the sockets: the original bound the sockets and started their loops before it made
            // this map, so a kernel_info_request that came in between was dropped ("Unhandled message"). jupyter_client
            // asks again, but the classic Notebook and JupyterLab ask once, and then never saw the kernel ready.
            kernel.registerChannels(this);
            Map<MessageType<?>, MessageHandler> handlers = new HashMap<>();
            handlers.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            handlers.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            handlers.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            handlers.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            handlers.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            handlers.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            handlers.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            handlers.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            handlers.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            handlers.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            handlers.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            handlers.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
            this.handlers = handlers;

            channels.forEach(s -> s.bind(connProps));
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        return handlers.get(type);
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    public boolean hasMsgId() {
        return msgId.get() != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        setMsgId(msgId, false);
    }

    /** The request this thread answers now; its replies go to the control socket when it came from there. */
    public void setMsgId(MessageId<?> msgId, boolean fromControl) {
        this.msgId.set(msgId);
        this.replyTo.set(fromControl ? control : shell);
    }

    public void freeMsgId() {
        this.msgId.remove();
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        MessageId<?> asking = msgId.get();
        if (asking == null && Cells.running() != null) {
            asking = Cells.running().request(); // a cell's code (on the kernel's cell thread) reads System.in
        }
        return stdin.getInput(asking, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(msgId.get(), content.type(), content));
    }

    /** Publishes content on IOPub as output of the request {@code parent} (a cell's execute request). */
    public <T extends ContentType<T>> void publishTo(MessageId<?> parent, T content) {
        iopub.sendMessage(new Message<>(parent, content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        replySocket().sendMessage(new Message<>(msgId.get(), content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        replySocket().sendMessage(new Message(msgId.get(), type, error));
    }

    public void scheduleAfter(Runnable action) {
        afterActions.get().push(action);
    }

    public void runAfterActions() {
        Deque<Runnable> actions = afterActions.get();
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    private AbstractChannel replySocket() {
        AbstractChannel to = replyTo.get();
        return to != null ? to : shell;
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
