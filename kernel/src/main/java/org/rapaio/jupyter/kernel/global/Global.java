/*
 * Replaces org.rapaio.jupyter.kernel.global.Global of rapaio-jupyter-kernel 3.0.1
 * (MIT License, Copyright (c) Aurelian Tutuianu), loaded ahead of the kernel jar.
 *
 * Adds clearOutput(): a cell could not clear its own output (Jupyter's clear_output message), which a
 * progress display that redraws itself needs.
 */
package org.rapaio.jupyter.kernel.global;

import java.util.UUID;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

public final class Global {

    private static final Options OPTIONS = new Options();

    public static DisplaySystem displaySystem() {
        return DisplaySystem.inst();
    }

    public static Options options() {
        return OPTIONS;
    }

    public static String display(Object o) {
        return display(null, o);
    }

    public static String display(String mime, Object o) {
        DisplayData dd = mime == null || mime.trim().isEmpty() ?
                DisplaySystem.inst().render(o) :
                DisplaySystem.inst().render(mime, o);
        String id = UUID.randomUUID().toString();
        dd.setDisplayId(id);
        MainApp.kernel.display(dd);
        return id;
    }

    public static void updateDisplay(String id, Object o) {
        updateDisplay(id, null, o);
    }

    public static void updateDisplay(String id, String mimeType, Object o) {
        DisplayData dd = mimeType == null || mimeType.trim().isEmpty() ?
                DisplaySystem.inst().render(o) :
                DisplaySystem.inst().render(mimeType, o);
        dd.setDisplayId(id);
        MainApp.kernel.updateDisplay(dd);
    }

    /**
     * Clears the output of the cell this code's output belongs to. With {@code wait}, the output is cleared only
     * when the next output arrives, so a display that redraws itself does not flicker.
     *
     * <p>清除当前单元格的输出；{@code wait = true} 时等下一次输出到来时才清除（适合不断重画的进度显示）。
     */
    public static void clearOutput(boolean wait) {
        MainApp.kernel.clearOutput(wait);
    }

    /** Clears the output of the cell this code's output belongs to at once. */
    public static void clearOutput() {
        clearOutput(false);
    }

    public static Object eval(String code) throws Exception {
        return MainApp.kernel.eval(code);
    }
}
