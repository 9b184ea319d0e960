package course.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import course.base.Args;
import course.check.Exercise.Verdict;

/**
 * A quick question in the middle of a lesson (a concept check): multiple choice or a number, checked
 * without giving the answer away.
 *
 * <p>概念检查：课文中间的小问题（选择题或者填一个数）。学习者在自己的单元格里写答案，
 * 课程的检查单元格调用 {@code ExNN.conceptN(答案)}。答对显示 ✔；答错只显示"你的答案是 …"
 * 和一句指回课文的提示（选了某个错误选项时，可以给这个选项专门的提示），从不显示正确答案；
 * 还没有作答时什么也不通过。概念检查和练习一样计分：检查单元格标记
 * {@code metadata.course.check = "概念 1"}，答案单元格标记 {@code metadata.course.exercise = "概念 1"}，
 * 出现在 {@code ./course grade} 的成绩表里（老师能看出全班卡在哪个概念上、多数人选了哪个错误选项）。
 *
 * <pre>{@code
 * public static Verdict concept1(Object answer) {
 *     return ConceptCheck.choice("概念 1：进程和线程", answer)
 *             .options("ABCD").correct("B")
 *             .hint("回到第 2 节：进程有自己的内存，线程共享所在进程的内存。")
 *             .hint("A", "A 说的是进程之间，不是同一个进程里的线程。")
 *             .verdict();
 * }
 * public static Verdict concept2(Object answer) {
 *     return ConceptCheck.number("概念 2：时间片", answer).correct(12).within(0.5)
 *             .hint("回到第 3 节的甘特图，数一数 P1 等了几个时间片。").verdict();
 * }
 * }</pre>
 *
 * <p>Answers are read leniently: letters in any case and order, with any separators ({@code "a, c"});
 * a number as a {@link Number} or as text ({@code "12"}, {@code "12 ms"}). A blank or null answer is
 * "还没有作答" and fails.
 *
 * <p>Thread-safety: build a check from one thread; its {@link Verdict} is immutable.
 */
public final class ConceptCheck {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private ConceptCheck() {
    }

    /** A multiple-choice question; {@code answer} is what the learner wrote (letters, e.g. "B" or "AC"). */
    public static Choice choice(String title, Object answer) {
        return new Choice(Args.notNull("title", title), answer);
    }

    /** A question answered by one number; {@code answer} is a {@link Number} or text holding one number. */
    public static Num number(String title, Object answer) {
        return new Num(Args.notNull("title", title), answer);
    }

    private static boolean blank(Object answer) {
        return answer == null || answer.toString().isBlank();
    }

    private static Verdict unanswered(String title, String hint, String how) {
        return Exercise.named(title).expect("还没有作答", false, how + "。" + hint).verdict();
    }

    /** A multiple-choice question: set the options, the correct letters and the hints, then ask for the verdict. */
    public static final class Choice {
        private final String title;
        private final Object answer;
        private String options = "";
        private String correct = "";
        private String hint = "";
        private final Map<Character, String> optionHints = new LinkedHashMap<>();

        private Choice(String title, Object answer) {
            this.title = title;
            this.answer = answer;
        }

        /** The option letters, e.g. "ABCD". */
        public Choice options(String letters) {
            this.options = letters(Args.notNull("letters", letters));
            Args.check(options.length() >= 2, "options", letters, "at least two letters", "至少两个选项");
            return this;
        }

        /** The correct letters: one ("B"), or several ("AC") when the question asks for every true statement. */
        public Choice correct(String letters) {
            this.correct = letters(Args.notNull("letters", letters));
            return this;
        }

        /** The hint for every wrong or missing answer: where in the lesson to look again. */
        public Choice hint(String hint) {
            this.hint = Args.notNull("hint", hint);
            return this;
        }

        /** A hint shown when the learner chose {@code option}, a wrong one (the misconception it stands for). */
        public Choice hint(String option, String hint) {
            String letter = letters(Args.notNull("option", option));
            Args.check(letter.length() == 1, "option", option, "one letter", "一个选项字母");
            optionHints.put(letter.charAt(0), Args.notNull("hint", hint));
            return this;
        }

        /** The learner's feedback: ✔ for the right letters, else their answer and a hint; never the answer. */
        public Verdict verdict() {
            if (options.isEmpty() || correct.isEmpty() || hint.isEmpty()) {
                throw new IllegalStateException("concept check '" + title
                        + "' needs options, correct and hint / 概念检查需要 options、correct 和 hint");
            }
            for (char c : (correct + keys(optionHints)).toCharArray()) {
                if (options.indexOf(c) < 0) {
                    throw new IllegalStateException("concept check '" + title + "': " + c + " is not among the options "
                            + options + " / 不是选项之一");
                }
            }
            for (char c : correct.toCharArray()) {
                if (optionHints.containsKey(c)) {
                    throw new IllegalStateException("concept check '" + title + "': option hint for the correct " + c
                            + " / 正确选项不需要错误提示");
                }
            }
            String optionList = String.join("、", options.chars().mapToObj(c -> String.valueOf((char) c)).toList());
            String how = correct.length() == 1 ? "从 " + optionList + " 中选一个" : "选出所有正确的（" + optionList + "）";
            if (blank(answer)) {
                return unanswered(title, hint, how);
            }
            String given = letters(answer.toString());
            String foreign = given.chars().filter(c -> options.indexOf(c) < 0)
                    .mapToObj(c -> String.valueOf((char) c)).reduce("", String::concat);
            Exercise e = Exercise.named(title);
            if (given.isEmpty() || !foreign.isEmpty()) {
                return e.expect("你的答案是 " + answer + "，不是选项", false, how + "。").verdict();
            }
            if (given.equals(correct)) {
                return e.expect("你的答案：" + given, true, "").verdict();
            }
            StringBuilder why = new StringBuilder();
            for (char c : given.toCharArray()) {
                String h = optionHints.get(c);
                if (h != null) {
                    why.append(h).append(' ');
                }
            }
            return e.expect("你的答案是 " + given, false, why.append(hint).toString()).verdict();
        }

        /** Upper-case ASCII letters of {@code text}, each once, sorted: "c, a" → "AC". */
        private static String letters(String text) {
            Set<Character> seen = new TreeSet<>();
            for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
                if (c >= 'A' && c <= 'Z') {
                    seen.add(c);
                }
            }
            return keys(seen);
        }

        private static String keys(Iterable<Character> cs) {
            StringBuilder sb = new StringBuilder();
            cs.forEach(sb::append);
            return sb.toString();
        }

        private static String keys(Map<Character, String> m) {
            return keys(m.keySet());
        }
    }

    /** A question answered by one number: set the correct value (and tolerance) and the hint. */
    public static final class Num {
        private final String title;
        private final Object answer;
        private Double correct;
        private double tolerance;
        private String hint = "";

        private Num(String title, Object answer) {
            this.title = title;
            this.answer = answer;
        }

        /** The correct value. */
        public Num correct(double value) {
            this.correct = value;
            return this;
        }

        /** How far from the correct value an answer may be and still pass (default 0: exact). */
        public Num within(double tolerance) {
            Args.check(tolerance >= 0, "tolerance", tolerance, ">= 0", "不能是负数");
            this.tolerance = tolerance;
            return this;
        }

        /** The hint for every wrong or missing answer: where in the lesson to look again. */
        public Num hint(String hint) {
            this.hint = Args.notNull("hint", hint);
            return this;
        }

        /** The learner's feedback: ✔ for a right number, else their answer and the hint; never the answer. */
        public Verdict verdict() {
            if (correct == null || hint.isEmpty()) {
                throw new IllegalStateException("concept check '" + title
                        + "' needs correct and hint / 概念检查需要 correct 和 hint");
            }
            if (blank(answer)) {
                return unanswered(title, hint, "填一个数");
            }
            Exercise e = Exercise.named(title);
            Double value = value(answer);
            if (value == null) {
                return e.expect("你的答案是 " + answer + "，不是一个数", false, "只填一个数，例如 3 或 2.5。").verdict();
            }
            boolean ok = Math.abs(value - correct) <= tolerance + 1e-9 * Math.max(1, Math.abs(correct));
            return e.expect(ok ? "你的答案：" + answer : "你的答案是 " + answer, ok, hint).verdict();
        }

        /** The number in {@code answer}, or null when it holds none or several. */
        private static Double value(Object answer) {
            if (answer instanceof Number n) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? d : null;
            }
            Matcher m = NUMBER.matcher(answer.toString().replace(",", "").replace("，", ""));
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group());
            }
            return found.size() == 1 ? Double.valueOf(found.get(0)) : null;
        }
    }
}
