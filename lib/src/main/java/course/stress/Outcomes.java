package course.stress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The grading rules of a concurrent test: which outcomes are acceptable, interesting or forbidden, each with a
 * description, like the {@code @Outcome} annotations of a jcstress test.
 *
 * <p>结果评级规则：事先写下每种结果是"允许""允许·有趣"还是"禁止"，并用一句中文说明它意味着什么。
 * 规则按添加的顺序匹配，第一条匹配的规则决定评级；哪一条都不匹配的结果按 {@link #otherwise} 评级
 * （默认：禁止——没有想到的结果就是错误）。
 *
 * <pre>{@code
 * Outcomes<String> sb = Outcomes.<String>create()
 *         .acceptable("0, 1", "线程 1 先做完")
 *         .acceptable("1, 0", "线程 2 先做完")
 *         .acceptable("1, 1", "两个线程交错")
 *         .interesting("0, 0", "两次写都还在各自的存储缓冲里");
 * OutcomeTable<String> table = sb.tally(Map.of("0, 1", 900L, "0, 0", 12L));
 * }</pre>
 *
 * <p>Thread-safety: immutable; every method returns a new set of rules, safe to share between threads.
 *
 * @param <T> the type of one outcome (a string such as {@code "0, 1"}, a final counter value, …)
 */
public final class Outcomes<T> {

    /**
     * One rule.
     *
     * @param label       how the rule is shown: the outcome itself for a rule about one value, else a name
     * @param matches     which outcomes the rule covers
     * @param grade       the grade of those outcomes
     * @param description what such an outcome means, in Chinese
     */
    public record Rule<T>(String label, Predicate<? super T> matches, Grade grade, String description) {
        public Rule {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(matches, "matches");
            Objects.requireNonNull(grade, "grade");
            Objects.requireNonNull(description, "description");
        }
    }

    private static final String UNLISTED = "没有列出的结果：不应出现";

    private final List<Rule<T>> rules;
    private final Grade otherwiseGrade;
    private final String otherwiseDescription;

    private Outcomes(List<Rule<T>> rules, Grade otherwiseGrade, String otherwiseDescription) {
        this.rules = List.copyOf(rules);
        this.otherwiseGrade = otherwiseGrade;
        this.otherwiseDescription = otherwiseDescription;
    }

    /** No rules yet; every outcome is forbidden until a rule allows it. */
    public static <T> Outcomes<T> create() {
        return new Outcomes<>(List.of(), Grade.FORBIDDEN, UNLISTED);
    }

    /** Adds: {@code value} is acceptable. */
    public Outcomes<T> acceptable(T value, String description) {
        return outcome(value, Grade.ACCEPTABLE, description);
    }

    /** Adds: {@code value} is allowed and interesting (it shows a race or a reordering). */
    public Outcomes<T> interesting(T value, String description) {
        return outcome(value, Grade.ACCEPTABLE_INTERESTING, description);
    }

    /** Adds: {@code value} must never happen. */
    public Outcomes<T> forbidden(T value, String description) {
        return outcome(value, Grade.FORBIDDEN, description);
    }

    /** Adds a rule for exactly {@code value}. */
    public Outcomes<T> outcome(T value, Grade grade, String description) {
        Objects.requireNonNull(value, "value");
        return when(String.valueOf(value), v -> Objects.equals(v, value), grade, description);
    }

    /** Adds a rule for every outcome {@code matches} accepts, shown as one row called {@code label}. */
    public Outcomes<T> when(String label, Predicate<? super T> matches, Grade grade, String description) {
        List<Rule<T>> more = new ArrayList<>(rules);
        more.add(new Rule<>(label, matches, grade, description));
        return new Outcomes<>(more, otherwiseGrade, otherwiseDescription);
    }

    /** The grade and description of every outcome no rule matches (default: forbidden). */
    public Outcomes<T> otherwise(Grade grade, String description) {
        return new Outcomes<>(rules, Objects.requireNonNull(grade, "grade"), Objects.requireNonNull(description, "description"));
    }

    /** The rules, in the order they are tried. */
    public List<Rule<T>> rules() {
        return rules;
    }

    /** The rule that grades {@code value}: the first that matches, else the {@link #otherwise} rule labelled by the value. */
    public Rule<T> rule(T value) {
        for (Rule<T> r : rules) {
            if (r.matches().test(value)) {
                return r;
            }
        }
        return new Rule<>(String.valueOf(value), v -> Objects.equals(v, value), otherwiseGrade, otherwiseDescription);
    }

    /** The grade of {@code value}. */
    public Grade grade(T value) {
        return rule(value).grade();
    }

    /**
     * Grades counted outcomes: one row per rule, in rule order (also rules nothing matched, with count 0), then one
     * row per outcome no rule matches.
     *
     * @param counts outcome → how many times it was seen
     */
    public OutcomeTable<T> tally(Map<? extends T, Long> counts) {
        Map<Rule<T>, Map<T, Long>> byRule = new LinkedHashMap<>();
        rules.forEach(r -> byRule.put(r, values()));
        Map<String, Rule<T>> unlisted = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<? extends T, Long> e : counts.entrySet()) {
            long n = e.getValue();
            if (n < 0) {
                throw new IllegalArgumentException("count of " + e.getKey() + " (" + n + ") must not be negative");
            }
            Rule<T> r = rule(e.getKey());
            if (!byRule.containsKey(r)) {
                r = unlisted.computeIfAbsent(r.label(), k -> rule(e.getKey()));
                byRule.putIfAbsent(r, values());
            }
            byRule.get(r).merge(e.getKey(), n, Long::sum);
            total += n;
        }
        List<OutcomeTable.Row<T>> rows = new ArrayList<>();
        byRule.forEach((r, vs) -> rows.add(new OutcomeTable.Row<>(r.label(), r.grade(), r.description(),
                vs.values().stream().mapToLong(Long::longValue).sum(), vs)));
        return new OutcomeTable<>(rows, total);
    }

    /** Values sorted when they are comparable (numbers, strings), else in the order seen. */
    private Map<T, Long> values() {
        return new TreeMap<>((a, b) -> {
            if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
                @SuppressWarnings("unchecked")
                Comparable<Object> ca = (Comparable<Object>) a;
                return ca.compareTo(b);
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        });
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("评级规则：\n");
        for (Rule<T> r : rules) {
            sb.append("  ").append(r.label()).append(" → ").append(r.grade().chinese()).append("：").append(r.description()).append('\n');
        }
        return sb.append("  其他 → ").append(otherwiseGrade.chinese()).append("：").append(otherwiseDescription).toString();
    }
}
