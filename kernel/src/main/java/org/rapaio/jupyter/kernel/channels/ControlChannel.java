/*
 * Replaces org.rapaio.jupyter.kernel.channels.ControlChannel of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar. Same public API.
 *
 * Differences: the loop thread registers itself with Channels (so control messages get their own
 * message id, after-actions and reply socket, see Channels) and is named Control-N, not Shell-N.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/** The control socket: interrupt and shutdown requests, answered while a cell may be running. */
public final class ControlChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ControlChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private volatile LoopThread loopThread;

    public ControlChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
        super(channels, "ControlChannel", context, SocketType.ROUTER, hmacGenerator);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }
        String addr = connProps.formatAddress(connProps.controlPort());
        LOGGER.info(logPrefix + "Binding to " + addr);
        socket.bind(addr);

        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);

        this.loopThread = new LoopThread("Control-" + ID.getAndIncrement(), LOOP_SLEEP, () -> {
            if (poller.poll(0) <= 0) {
                return;
            }
            Message<?> message = readMessage();
            var type = message.header().type();
            MessageHandler handler = channels.getHandler(type);
            if (handler == null) {
                LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
                return;
            }
            channels.setMsgId(message.getId());
            try {
                handler.handle(message);
            } catch (Exception e) {
                LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". "
                        + e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
            } finally {
                channels.runAfterActions();
                channels.freeMsgId();
            }
            if (channels.isMarkedForShutdown()) {
                channels.close();
            }
        });
        channels.registerControlThread(loopThread);
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
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
