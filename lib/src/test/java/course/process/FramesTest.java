package course.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain          | abc 骨头       | abc 骨头",
            "newline        | 'a\nb'        | a\\nb",
            "backslash      | 'a\\b'        | a\\\\b",
            "tab and cr     | 'a\tb\rc'     | a\\tb\\rc",
    })
    void escapingRoundTrips(String what, String raw, String escaped) {
        assertEquals(escaped, Frames.escape(raw), what);
        assertEquals(raw, Frames.unescape(escaped), what);
    }

    @Test
    void aBadEscapeNamesItsColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Frames.unescape("ab\\x"));
        assertEquals("unknown escape '\\x' at column 3", e.getMessage());
        assertEquals("dangling '\\' at the end of the field",
                assertThrows(IllegalArgumentException.class, () -> Frames.unescape("ab\\")).getMessage());
    }

    @Test
    void utf8LengthCountsBytesWithoutEncoding() {
        for (String s : List.of("", "abc", "é", "骨头", "😀x", "\uD800")) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Frames.utf8Length(s), s);
        }
    }

    /** An input that hands out at most 7 bytes per read: frames cross every buffer boundary. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void framesAreReadWholeHoweverTheBytesArrive() throws IOException {
        List<String> sent = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Frames.Writer w = new Frames.Writer(bytes);
        for (int i = 0; i < 500; i++) {
            String f = "ITEM " + i + " " + "骨头".repeat(i % 40);
            sent.add(f);
            w.write(f);
        }
        w.flush();
        Frames.Reader r = new Frames.Reader(trickle(bytes.toByteArray()), 1000);
        List<String> got = new ArrayList<>();
        String f;
        while ((f = r.next()) != null) {
            got.add(f);
        }
        assertEquals(sent, got);
    }

    @Test
    void aTooLongFrameIsSkippedAndTheNextOneIsRead() throws IOException {
        byte[] bytes = ("PUT 1 0 " + "x".repeat(100) + "\nSIZE 2\r\n").getBytes(StandardCharsets.UTF_8);
        Frames.Reader r = new Frames.Reader(trickle(bytes), 50);
        Frames.OversizedFrame e = assertThrows(Frames.OversizedFrame.class, r::next);
        assertEquals(108, e.bytes);
        assertTrue(e.head.startsWith("PUT 1 0 xxx"), e.head);
        assertEquals("SIZE 2", r.next(), "a carriage return before the newline is dropped");
        assertNull(r.next());
    }

    @Test
    void aFrameThatIsNotUtf8IsNamedWithItsFirstBytesAndSkipped() throws IOException {
        byte[] bytes = {'O', 'K', ' ', (byte) 0xff, (byte) 0xfe, '\n', 'O', 'K', '\n', 'c', 'u', 't'};
        Frames.Reader r = new Frames.Reader(new ByteArrayInputStream(bytes), 100);
        Frames.MalformedFrame bad = assertThrows(Frames.MalformedFrame.class, r::next);
        assertEquals("frame is not valid UTF-8: starts 'OK ..' (4f 4b 20 ff fe)", bad.getMessage());
        assertEquals("OK", r.next());
        Frames.MalformedFrame cut = assertThrows(Frames.MalformedFrame.class, r::next);
        assertEquals("the stream ended inside a frame that starts 'cut' (63 75 74)", cut.getMessage());
        assertNull(r.next());
    }

    @Test
    void aPreviewShowsAtMost32Bytes() {
        assertEquals("'" + "a".repeat(32) + "…' (" + "61 ".repeat(31) + "61 …)", Frames.preview("a".repeat(40)));
    }
}
