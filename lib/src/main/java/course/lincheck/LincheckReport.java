package course.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lincheck's failure report, split into its parts: what kind of failure, and each table (the results, the
 * interleaving that leads to the error, the detailed trace) with the notes that follow it.
 *
 * <p>Lincheck 报告错误时打印的文字，拆成几部分：错误的种类（结果不可线性化、执行卡住、意外的异常……），
 * 以及每一张表——线程的执行结果、导致错误的交错（interleaving）、详细轨迹——和表后面的说明。
 * 表的每一列是一个线程，每一行是一个事件；{@code ➜} 是读，{@code =} 是写，{@code switch} 是在这里换了线程。
 *
 * <p>Thread-safety: immutable.
 *
 * @param text     the whole report as Lincheck printed it
 * @param kind     the failure, e.g. {@code Invalid execution results} (empty when the text has no such line)
 * @param sections each table with its caption and the notes after it, in order
 */
public record LincheckReport(String text, String kind, List<Section> sections) {

    /** Caption of the table of the interleaving that leads to the error. */
    public static final String INTERLEAVING = "The following interleaving leads to the error:";
    /** Caption of the detailed trace. */
    public static final String DETAILED = "Detailed trace:";

    private static final Pattern KIND = Pattern.compile("^= (.+) =$");
    private static final Pattern SEPARATOR = Pattern.compile("^\\| -+ \\|$");

    /** Lincheck's words and the course's Chinese for them. */
    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("Invalid execution results", "执行结果不可线性化：没有任何一种把操作一个接一个排好的顺序能得到这些结果"),
            Map.entry("The execution has hung", "执行卡住了：线程互相等待（死锁）或一直空转（活锁）"),
            Map.entry("The execution failed with an unexpected exception", "执行时抛出了意外的异常"),
            Map.entry(INTERLEAVING, "导致错误的交错（interleaving）"),
            Map.entry(DETAILED, "详细轨迹（每一次读写，以及它在哪一行代码）"),
            Map.entry("Exception stack traces:", "异常的调用栈"),
            Map.entry("All unfinished threads are in deadlock", "没有结束的线程全都在互相等待：死锁"),
            Map.entry("All operations above the horizontal line | ----- | happen before those below the line",
                    "横线上面的操作都先于横线下面的操作（happens-before）"),
            Map.entry("The number next to an exception name helps you find its stack trace provided after the interleaving section",
                    "异常名字后面的编号对应下面“异常的调用栈”里的同一个编号"));

    /**
     * One table: its caption, column headers (one per thread), rows grouped between horizontal lines, notes below.
     *
     * @param caption the line above the table
     * @param header  column headers
     * @param groups  rows between two horizontal lines; each row has one cell per column
     * @param notes   text lines after the table, before the next caption
     */
    public record Section(String caption, List<String> header, List<List<List<String>>> groups, List<String> notes) {
        public Section {
            header = List.copyOf(header);
            groups = groups.stream().map(g -> g.stream().map(List::copyOf).toList()).toList();
            notes = List.copyOf(notes);
        }

        /** Every row, groups joined. */
        public List<List<String>> rows() {
            return groups.stream().flatMap(List::stream).toList();
        }
    }

    public LincheckReport {
        sections = List.copyOf(sections);
    }

    /** Splits Lincheck's report text; text that is not a report gives no sections. */
    public static LincheckReport parse(String text) {
        String kind = "";
        List<Section> sections = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        List<String> table = new ArrayList<>();
        String caption = "";
        List<String> lines = text.lines().toList();
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).stripTrailing() : "";
            boolean row = line.startsWith("|") && line.endsWith("|") && line.length() > 1;
            if (row) {
                if (table.isEmpty()) {
                    caption = pending.isEmpty() ? "" : pending.remove(pending.size() - 1);
                    closeNotes(sections, pending);
                }
                table.add(line);
                continue;
            }
            if (!table.isEmpty()) {
                sections.add(section(caption, table));
                table.clear();
            }
            Matcher k = KIND.matcher(line);
            if (kind.isEmpty() && k.matches()) {
                kind = k.group(1);
                pending.add(line);
            } else if (!line.isBlank() && !line.equals("---")) {
                pending.add(line);
            }
        }
        closeNotes(sections, pending);
        return new LincheckReport(text, kind, sections);
    }

    /** Moves the pending lines into the notes of the last section (lines before the first table are dropped). */
    private static void closeNotes(List<Section> sections, List<String> pending) {
        if (sections.isEmpty() || pending.isEmpty()) {
            pending.clear();
            return;
        }
        Section last = sections.remove(sections.size() - 1);
        List<String> notes = new ArrayList<>(last.notes());
        notes.addAll(pending);
        sections.add(new Section(last.caption(), last.header(), last.groups(), notes));
        pending.clear();
    }

    /** A table's rows cut at the column borders of its header row (so a '|' inside a cell stays in it). */
    private static Section section(String caption, List<String> lines) {
        String header = lines.stream().filter(l -> !SEPARATOR.matcher(l).matches()).findFirst().orElse("|");
        List<Integer> borders = new ArrayList<>();
        for (int c = 0; c < header.length(); c++) {
            if (header.charAt(c) == '|') {
                borders.add(c);
            }
        }
        List<List<List<String>>> groups = new ArrayList<>();
        List<List<String>> group = new ArrayList<>();
        boolean seenHeader = false;
        for (String l : lines) {
            if (SEPARATOR.matcher(l).matches()) {
                if (seenHeader && !group.isEmpty()) {
                    groups.add(group);
                    group = new ArrayList<>();
                }
                continue;
            }
            if (!seenHeader) {
                seenHeader = true;
                continue;
            }
            group.add(cells(l, borders));
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return new Section(caption.replaceFirst("^= (.+) =$", "$1"), cells(header, borders).stream().map(String::strip).toList(),
                groups, List.of());
    }

    private static List<String> cells(String line, List<Integer> borders) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b + 1 < borders.size(); b++) {
            int from = Math.min(line.length(), borders.get(b) + 1);
            int to = b + 2 == borders.size() ? line.length() - 1 : Math.min(line.length(), borders.get(b + 1));
            String cell = to > from ? line.substring(from, to) : "";
            out.add(cell.startsWith(" ") ? cell.substring(1).stripTrailing() : cell.stripTrailing());
        }
        return out;
    }

    /** The section with {@code caption}, if the report has it. */
    public Optional<Section> section(String caption) {
        return sections.stream().filter(s -> s.caption().equals(caption)).findFirst();
    }

    /** The table of the interleaving that leads to the error, if the report has it. */
    public Optional<Section> interleaving() {
        return section(INTERLEAVING);
    }

    /** The course's Chinese for one of Lincheck's captions, notes or headers; the text itself when it has none. */
    public static String chinese(String lincheckText) {
        String t = CHINESE.get(lincheckText);
        if (t != null) {
            return t;
        }
        return lincheckText.matches("Thread \\d+") ? "线程 " + lincheckText.substring(7) : lincheckText;
    }

    /** The failure in Chinese (empty when the report names none). */
    public String kindChinese() {
        return kind.isEmpty() ? "" : chinese(kind);
    }

    /**
     * The lines of the interleaving table as Lincheck printed it, its column headers in Chinese ("Thread 1" →
     * "线程 1", padded to the same width on a terminal) (empty when there is none).
     */
    public String interleavingText() {
        List<String> lines = text.lines().toList();
        int start = lines.indexOf(INTERLEAVING);
        if (start < 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            sb.append(lines.get(i).replaceAll("Thread (\\d+)", "线程 $1  ")).append('\n');   // 线程 is two columns wide
        }
        return sb.toString();
    }
}
