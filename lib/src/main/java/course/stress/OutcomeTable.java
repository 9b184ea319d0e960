package course.stress;

import course.base.Text;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counted outcomes of a concurrent test, graded by {@link Outcomes}: one row per rule, with how often it was seen.
 *
 * <p>评级后的结果表：每条规则一行（结果、评级、次数、说明）。只要有一个"禁止"的结果出现过，
 * {@link #passed()} 就是 false；"允许·有趣"的结果出现与否都不影响通过。
 *
 * <p>Thread-safety: immutable.
 *
 * @param rows  one row per rule, in rule order, then one per unlisted outcome
 * @param total how many outcomes were counted
 * @param <T>   the type of one outcome
 */
public record OutcomeTable<T>(List<Row<T>> rows, long total) {

    /**
     * One row.
     *
     * @param label       the outcome (or the rule's name)
     * @param grade       its grade
     * @param description what it means, in Chinese
     * @param count       how many times it was seen
     * @param values      the outcomes counted in this row and their counts (one entry for a rule about one value)
     */
    public record Row<T>(String label, Grade grade, String description, long count, Map<T, Long> values) {
        public Row {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** Whether this row's outcome was seen at least once. */
        public boolean observed() {
            return count > 0;
        }

        /** Whether it was seen although it is forbidden. */
        public boolean violation() {
            return count > 0 && !grade.allowed();
        }
    }

    public OutcomeTable {
        rows = List.copyOf(rows);
        if (total < 0) {
            throw new IllegalArgumentException("total (" + total + ") must not be negative");
        }
    }

    /** The row labelled {@code label}, if any. */
    public Optional<Row<T>> row(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** How many times the outcome labelled {@code label} was seen (0 when it has no row). */
    public long count(String label) {
        return row(label).map(Row::count).orElse(0L);
    }

    /** How many outcomes with {@code grade} were seen. */
    public long count(Grade grade) {
        Objects.requireNonNull(grade, "grade");
        return rows.stream().filter(r -> r.grade() == grade).mapToLong(Row::count).sum();
    }

    /** Share (0..1) of all outcomes that the row labelled {@code label} holds. */
    public double share(String label) {
        return total == 0 ? 0 : (double) count(label) / total;
    }

    /** How many forbidden outcomes were seen. */
    public long forbidden() {
        return count(Grade.FORBIDDEN);
    }

    /** Whether no forbidden outcome was seen (jcstress: the test passed). */
    public boolean passed() {
        return forbidden() == 0;
    }

    /** The table as aligned text: outcome, grade, count, share, description; ✘ marks a forbidden outcome seen. */
    @Override
    public String toString() {
        int labelWidth = rows.stream().mapToInt(r -> Text.width(r.label())).max().orElse(4);
        StringBuilder sb = new StringBuilder();
        for (Row<T> r : rows) {
            sb.append(String.format(Locale.ROOT, "  %s  %s %,12d 次 %6.2f %%  %s%s%n", Text.padRight(r.label(), labelWidth),
                    Text.padRight(r.grade().chinese(), 9), r.count(), total == 0 ? 0.0 : 100.0 * r.count() / total,
                    r.violation() ? "✘ " : "", r.description()));
        }
        return sb.toString();
    }

}
