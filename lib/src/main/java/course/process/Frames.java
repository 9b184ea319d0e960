package course.process;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The frame codec of the course's inter-process protocols ({@link IpcQueue}, {@link ProcessPool}):
 * one UTF-8 line per frame, with {@code \\}, newline, carriage return and tab escaped inside fields.
 *
 * <p>进程之间传的是一串字节，消息从哪里开始、到哪里结束要自己约定：这里约定"一行一帧"（frame），
 * 字段里的换行、回车、制表符和反斜杠写成 {@code \n}、{@code \r}、{@code \t}、{@code \\}。
 * 读和写都经过缓冲区（buffer）：一次系统调用搬很多字节，而不是一个字节一次。
 *
 * <p>Thread-safety: the static methods may be called from any thread; a {@link Reader} or a
 * {@link Writer} belongs to one thread at a time (callers lock around a shared writer).
 */
final class Frames {

    /** How many leading bytes of a bad frame an error message shows. */
    static final int PREVIEW_BYTES = 32;

    private Frames() {
    }

    /** The field with {@code \\}, newline, carriage return and tab escaped. */
    static String escape(String s) {
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * The field with its escapes undone.
     *
     * @throws IllegalArgumentException on an unknown escape or a {@code \\} at the end
     */
    static String unescape(String s) {
        int first = s.indexOf('\\');
        if (first < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IllegalArgumentException("dangling '\\' at the end of the field");
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                default -> throw new IllegalArgumentException("unknown escape '\\" + n + "' at column " + i);
            }
        }
        return b.toString();
    }

    /** The number of bytes {@code s} takes in UTF-8, without encoding it. */
    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;                                  // a lone surrogate is written as '?'
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The first bytes of a frame, as text and as hex: {@code 'HTTP/1.1 4…' (48 54 54 50 …)}. */
    static String preview(byte[] bytes, int offset, int length) {
        int n = Math.min(length, PREVIEW_BYTES);
        StringBuilder text = new StringBuilder();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = bytes[offset + i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            hex.append(i == 0 ? "" : " ").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        String more = length > n ? "…" : "";
        return "'" + text + more + "' (" + hex + (more.isEmpty() ? "" : " …") + ")";
    }

    /** The first bytes of a decoded frame, as {@link #preview(byte[], int, int)} shows them. */
    static String preview(String frame) {
        byte[] b = frame.substring(0, Math.min(frame.length(), PREVIEW_BYTES + 1)).getBytes(StandardCharsets.UTF_8);
        return preview(b, 0, b.length);
    }

    /** A frame longer than the reader's limit; it was skipped, the stream goes on after it. */
    static final class OversizedFrame extends IOException {
        final long bytes;
        final String head;

        OversizedFrame(long bytes, String head, int limit) {
            super("frame of " + bytes + " bytes is longer than the limit of " + limit + " bytes: starts "
                    + preview(head));
            this.bytes = bytes;
            this.head = head;
        }
    }

    /** A frame that is not valid UTF-8, or a stream that ended inside a frame. */
    static final class MalformedFrame extends IOException {
        MalformedFrame(String what) {
            super(what);
        }
    }

    /** Reads frames through a buffer: one {@code read} system call brings many frames. */
    static final class Reader {
        private static final int HEAD_CHARS = 64;
        private final InputStream in;
        private final int maxFrameBytes;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] buf = new byte[64 * 1024];
        private int pos;
        private int end;

        Reader(InputStream in, int maxFrameBytes) {
            this.in = in;
            this.maxFrameBytes = maxFrameBytes;
        }

        /** Whether bytes that arrived are waiting in the buffer (so {@link #next()} may not block). */
        boolean buffered() {
            return pos < end;
        }

        /**
         * The next frame without its line end, or null at the end of the stream.
         *
         * @throws OversizedFrame when the frame is longer than the limit (it is skipped; read on)
         * @throws MalformedFrame when the frame is not UTF-8 or the stream ends inside it
         */
        String next() throws IOException {
            int scanned = 0;                       // bytes after pos known to hold no line end
            while (true) {
                for (int i = pos + scanned; i < end; i++) {
                    if (buf[i] == '\n') {
                        int from = pos;
                        pos = i + 1;                   // a bad frame is skipped too: the stream goes on
                        return decode(from, i);
                    }
                }
                scanned = end - pos;
                if (scanned > maxFrameBytes) {
                    skipOversized();
                }
                if (!fill()) {
                    if (pos == end) {
                        return null;
                    }
                    String head = preview(buf, pos, end - pos);
                    pos = end;
                    throw new MalformedFrame("the stream ended inside a frame that starts " + head);
                }
            }
        }

        /** Reads more bytes, first making room; false at the end of the stream. */
        private boolean fill() throws IOException {
            if (end == buf.length) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, end - pos);
                    end -= pos;
                    pos = 0;
                } else {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxFrameBytes + 2L));
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }

        private void skipOversized() throws IOException {
            String head = new String(buf, pos, Math.min(HEAD_CHARS, end - pos), StandardCharsets.UTF_8);
            long bytes = end - pos;
            pos = end = 0;
            while (true) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new MalformedFrame("the stream ended inside a frame of " + bytes + "+ bytes that starts "
                            + preview(head));
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        bytes += i;
                        pos = i + 1;
                        end = n;
                        throw new OversizedFrame(bytes, head, maxFrameBytes);
                    }
                }
                bytes += n;
            }
        }

        private String decode(int from, int newline) throws MalformedFrame {
            int to = newline > from && buf[newline - 1] == '\r' ? newline - 1 : newline;
            boolean ascii = true;
            for (int i = from; i < to && ascii; i++) {
                ascii = buf[i] >= 0;
            }
            if (ascii) {
                return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
            }
            try {
                return utf8.reset().decode(ByteBuffer.wrap(buf, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedFrame("frame is not valid UTF-8: starts " + preview(buf, from, to - from));
            }
        }
    }

    /** Writes frames through a buffer; {@link #flush()} hands them to the operating system. */
    static final class Writer {
        private final OutputStream out;

        Writer(OutputStream out) {
            this.out = new BufferedOutputStream(out, 64 * 1024);
        }

        /** Appends one frame and its line end. */
        void write(String frame) throws IOException {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }

        void flush() throws IOException {
            out.flush();
        }
    }
}
