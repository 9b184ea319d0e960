/*
 * Replaces org.rapaio.jupyter.kernel.channels.LoopThread of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * The original start() calls super.start() and only then sets running = true: when the new
 * thread is scheduled first, its loop sees running == false, ends at once, and the kernel never
 * answers on that channel (measured: 7 of 57 starts hung). Here the flag is set before the
 * thread starts, so the loop always runs until shutdown() or an interrupt.
 *
 * The original also lets an exception from the loop body end the thread. Channels.connect() starts
 * the loops before it creates the handler map, so a kernel_info_request that arrives in that window
 * throws a NullPointerException and the shell channel stops answering for good. Here an exception
 * ends only that pass of the loop: the message is lost, the client asks again (jupyter_client repeats
 * kernel_info_request until it gets a reply), and the next pass answers.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/** A thread that runs a loop body, sleeping a fixed time after each pass, until shut down. */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running;
    private final long sleepMillis;
    private final Runnable loopBody;

    public LoopThread(String name, long sleepMillis, Runnable loopBody) {
        super(name);
        this.sleepMillis = sleepMillis;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, getName() + ": one pass of the loop failed, the loop goes on", e);
            }
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
