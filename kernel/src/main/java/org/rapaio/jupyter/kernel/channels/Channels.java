/*
 * Replaces org.rapaio.jupyter.kernel.channels.Channels of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar. Same public API.
 *
 * The original keeps ONE current message id and ONE stack of after-actions for the shell and the
 * control channel together. An interrupt_request (control) arriving while a cell runs (shell)
 * overwrites the cell's message id and runs the cell's pending after-actions: the cell's result,
 * its execute_reply and the following idle status go out under the interrupt's parent, so the
 * client never sees the cell finish, and the interrupt_reply goes out on the shell socket.
 * Here the control channel's loop thread has its own message id and after-actions, and replies
 * made while handling a control message go out on the control socket.
 */
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Stack;

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

/** The kernel's five sockets, the message handlers, and the message being answered. */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Channels {

    /** What one handling thread is answering: the request's id and what to do after the handler. */
    private static final class Context {
        volatile MessageId<?> msgId;
        final Stack<Runnable> afterActions = new Stack<>();
    }

    private final ConnectionProperties connProps;
    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;
    private final Set<AbstractChannel> channels;

    private final Context shellContext = new Context();
    private final Context controlContext = new Context();
    private volatile Thread controlThread;

    private Map<MessageType<?>, MessageHandler> handlers;
    private boolean isConnected = false;
    private volatile boolean requestShutdown = false;

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
            channels.forEach(s -> s.bind(connProps));
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            kernel.registerChannels(this);

            handlers = new HashMap<>();
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
            isConnected = true;
        }
    }

    /** Called by the control channel's loop thread once, before it handles any message. */
    void registerControlThread(Thread thread) {
        controlThread = thread;
    }

    /** The control context on the control loop thread; the shell context on every other thread. */
    private Context context() {
        return Thread.currentThread() == controlThread ? controlContext : shellContext;
    }

    private boolean onControl() {
        return Thread.currentThread() == controlThread;
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
        return context().msgId != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        context().msgId = msgId;
    }

    public void freeMsgId() {
        context().msgId = null;
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
        return stdin.getInput(shellContext.msgId, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(context().msgId, content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        (onControl() ? control : shell).sendMessage(new Message<>(context().msgId, content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        (onControl() ? control : shell).sendMessage(new Message(context().msgId, type, error));
    }

    public void scheduleAfter(Runnable action) {
        context().afterActions.push(action);
    }

    public void runAfterActions() {
        Stack<Runnable> actions = context().afterActions;
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
