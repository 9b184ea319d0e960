/*
 * Replaces org.rapaio.jupyter.kernel.channels.LoopThread of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * The original start() calls super.start() and only then sets running = true: when the new
 * thread is scheduled first, its loop sees running == false, ends at once, and the kernel never
 * answers on that channel (measured: 7 of 57 starts hung). Here the flag is set before the
 * thread starts, so the loop always runs until shutdown() or an interrupt.
 *
 * A second start-up race: Channels.connect() starts the channel threads before it creates its
 * map of message handlers, so a kernel_info_request that arrives first makes the shell loop body
 * throw a NullPointerException ("this.handlers" is null), which ended the thread: the kernel
 * never answered ("Kernel didn't respond in 60 seconds"; measured under load on 2 cores: 8 of
 * 150 starts). Here a RuntimeException of one pass is reported and the loop goes on; that one
 * message is lost, and Jupyter repeats kernel_info_request until the kernel answers.
 */
package org.rapaio.jupyter.kernel.channels;

/** A thread that runs a loop body, sleeping a fixed time after each pass, until shut down. */
public final class LoopThread extends Thread {

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
                System.err.println("[course kernel] " + getName() + ": one message was not handled, the channel goes on: " + e);
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
