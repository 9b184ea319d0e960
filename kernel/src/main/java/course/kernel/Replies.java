package course.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.rapaio.jupyter.kernel.core.LanguageInfo;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Replies that rapaio-jupyter-kernel 3.0.1 lacks or sends incomplete, as the Jupyter messaging protocol
 * (5.4) defines them: kernel_info_reply with its {@code status}, and history_reply.
 *
 * <p>内核缺少或不完整的两种回复：带 {@code status} 的 kernel_info_reply，以及 history_reply（单元格历史）。
 */
public final class Replies {

    static final MessageType<KernelInfo> KERNEL_INFO_REPLY = new MessageType<>("kernel_info_reply", KernelInfo.class);
    static final MessageType<History> HISTORY_REPLY = new MessageType<>("history_reply", History.class);

    private Replies() {
    }

    /** kernel_info_reply. */
    public record KernelInfo(
            @SerializedName("status") String status,
            @SerializedName("protocol_version") String protocolVersion,
            @SerializedName("implementation") String implementation,
            @SerializedName("implementation_version") String implementationVersion,
            @SerializedName("language_info") LanguageInfo languageInfo,
            @SerializedName("banner") String banner,
            @SerializedName("help_links") List<LanguageInfo.Help> helpLinks) implements ContentType<KernelInfo> {

        @Override
        public MessageType<KernelInfo> type() {
            return KERNEL_INFO_REPLY;
        }
    }

    /** history_reply: entries are [session, line, input], or [session, line, [input, output]] when output was asked for. */
    public record History(@SerializedName("status") String status,
                          @SerializedName("history") List<List<Object>> history) implements ContentType<History> {

        @Override
        public MessageType<History> type() {
            return HISTORY_REPLY;
        }
    }

    /** The cells run in this kernel so far, in order: what history_request asks about. */
    public static final class CellHistory {

        /** Jupyter numbers sessions; this kernel only knows its own, the current one. */
        static final int SESSION = 0;

        private final List<String> inputs = new ArrayList<>();

        /** The cell with execution count {@code count} (counted from 1) ran {@code code}. */
        public synchronized void add(int count, String code) {
            while (inputs.size() < count - 1) {
                inputs.add("");
            }
            inputs.add(code);
        }

        /** The reply to a history request: tail (last n), range (start ≤ line < stop) or search (a glob). */
        public synchronized History answer(ShellHistoryRequest request) {
            List<Integer> lines = new ArrayList<>();
            if (request instanceof ShellHistoryRequest.Tail tail) {
                for (int line = Math.max(1, inputs.size() - tail.getMaxReturnLength() + 1); line <= inputs.size(); line++) {
                    lines.add(line);
                }
            } else if (request instanceof ShellHistoryRequest.Range range) {
                if (range.getSessionIndex() == SESSION || range.getSessionIndex() == -1) {
                    int stop = range.getStop() <= 0 ? inputs.size() + 1 : Math.min(range.getStop(), inputs.size() + 1);
                    for (int line = Math.max(1, range.getStart()); line < stop; line++) {
                        lines.add(line);
                    }
                }
            } else if (request instanceof ShellHistoryRequest.Search search) {
                String glob = search.getPattern() == null ? "*" : search.getPattern();
                Pattern p = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
                List<String> seen = new ArrayList<>();
                for (int line = inputs.size(); line >= 1; line--) {
                    String code = inputs.get(line - 1);
                    if (p.matcher(code).matches() && !(search.filterUnique() && seen.contains(code))) {
                        seen.add(code);
                        lines.add(0, line);
                    }
                }
                int n = search.getMaxReturnLength();
                if (n > 0 && lines.size() > n) {
                    lines = new ArrayList<>(lines.subList(lines.size() - n, lines.size()));
                }
            }
            List<List<Object>> entries = new ArrayList<>();
            for (int line : lines) {
                String code = inputs.get(line - 1);
                entries.add(List.of(SESSION, line, request.includeOutput() ? Arrays.asList(code, null) : code));
            }
            return new History("ok", entries);
        }

        private static String globToRegex(String glob) {
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return re.toString();
        }
    }
}
