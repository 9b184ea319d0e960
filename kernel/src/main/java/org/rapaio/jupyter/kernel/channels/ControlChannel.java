/*
 * Replaces org.rapaio.jupyter.kernel.channels.ControlChannel of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * The original handles an interrupt_request like every message: it makes the request the "current
 * message" of the whole kernel (Channels keeps one for all channels) and replies on the shell socket.
 * The cell being interrupted still runs on the shell channel, so its error, its execute_reply and its
 * idle status then went out as answers to the interrupt request: Jupyter never saw the cell end
 * (nbclient waited forever) and later cells showed no output. Here an interrupt_request is answered on
 * this channel, to its sender, and leaves the current message alone; then the kernel interrupts the cell.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

public final class ControlChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ControlChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private final Channels channels;
    private volatile LoopThread loopThread;

    public ControlChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
        super(channels, "ControlChannel", context, SocketType.ROUTER, hmacGenerator);
        this.channels = channels;
    }

    @Override
    @SuppressWarnings( {"rawtypes", "unchecked"})
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }

        String channelThreadName = "Shell-" + ID.getAndIncrement();
        String addr = connProps.formatAddress(connProps.controlPort());

        LOGGER.info(logPrefix + "Binding to " + addr);
        socket.bind(addr);

        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);

        this.loopThread = new LoopThread(channelThreadName, LOOP_SLEEP, () -> {
            if (poller.poll(0) > 0) {
                Message<?> message = readMessage();
                var type = message.header().type();
                if (MessageType.CONTROL_INTERRUPT_REQUEST.equals(type)) {
                    LOGGER.info(logPrefix + "Handling message: " + type.name());
                    sendMessage(new Message<>(message.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
                    MainApp.kernel.interrupt();
                    return;
                }
                MessageHandler handler = channels.getHandler(type);
                if (handler != null) {
                    LOGGER.info(logPrefix + "Handling message: " + type.name());
                    channels.setMsgId(message.getId(), true);
                    try {
                        handler.handle(message);
                    } catch (Exception e) {
                        LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". " +
                                e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
                    } finally {
                        channels.runAfterActions();
                    }
                    if (channels.isMarkedForShutdown()) {
                        LOGGER.info(channelThreadName + " shutting down connection marked for shutdown.");
                        channels.close();
                    }
                } else {
                    LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
                }
            }
        });
        loopThread.start();
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (this.loopThread != null) {
            try {
                this.loopThread.join();
            } catch (InterruptedException ignored) {
            }
        }
    }
}
