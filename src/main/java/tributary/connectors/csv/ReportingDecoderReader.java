package tributary.connectors.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;

/**
 * Decodes bytes like {@link java.io.InputStreamReader}, except that a byte sequence invalid for the charset is not
 * hidden: it becomes U+FFFD and the line where it occurred is remembered, so that the row holding it can be
 * rejected. (iTop's iconv {@code //IGNORE} silently drops such bytes, corrupting values without a word.)
 *
 * <p>Lines are counted as Commons CSV counts them (CR, LF and CR LF each end a line), so the numbers match
 * {@code CSVParser.getCurrentLineNumber()}. A leading byte-order mark is dropped: with UTF-8 as in iTop, and with
 * UTF-16LE/BE and UTF-32LE/BE too (Excel's "Unicode text" is UTF-16LE with one), where iTop keeps it in the first
 * header cell and reports an unknown column that looks like a known one.
 */
final class ReportingDecoderReader extends Reader {

    private static final char REPLACEMENT = '\uFFFD';
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int BUFFER_SIZE = 8192;

    private final InputStream input;
    private final CharsetDecoder decoder;
    private final byte[] byteArray = new byte[BUFFER_SIZE];
    /** Bytes read but not yet decoded, in read mode. */
    private final ByteBuffer bytes = ByteBuffer.wrap(byteArray).limit(0);
    /** Chars decoded but not yet handed out, in read mode. */
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).limit(0);
    /** Lines holding an invalid sequence, ascending, not yet claimed by a row. Bounded by the read-ahead. */
    private final ArrayDeque<Long> invalidLines = new ArrayDeque<>();

    /** Most chars one record may take (its read-ahead included); {@link RecordTooLongException} beyond. */
    private final long maxRecordChars;
    /** Chars handed out in all, and when the last record ended. */
    private long handedOut;
    private long recordStart;

    private boolean endOfInput;
    private boolean flushed;
    private boolean atStart = true;
    private long line = 1;
    private boolean previousWasCarriageReturn;

    ReportingDecoderReader(InputStream input, Charset charset, long maxRecordChars) {
        this.input = input;
        this.maxRecordChars = maxRecordChars;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!decodeMore()) {
                return -1;
            }
        }
        if (handedOut - recordStart >= maxRecordChars) {
            throw new RecordTooLongException(maxRecordChars);
        }
        int count = (int) Math.min(Math.min(length, chars.remaining()), maxRecordChars - (handedOut - recordStart));
        chars.get(target, offset, count);
        handedOut += count;
        return count;
    }

    long maxRecordChars() {
        return maxRecordChars;
    }

    /** A record ended: the next one may again take {@code maxRecordChars}. */
    void recordEnded() {
        recordStart = handedOut;
    }

    /**
     * Thrown when one record would need more chars than allowed: an unterminated qualifier would otherwise make the
     * rest of a file of any size one cell, held in memory.
     */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException(long maxRecordChars) {
            super("record longer than " + maxRecordChars + " characters");
        }
    }

    /**
     * Forgets the invalid sequences found up to {@code lastLine} and tells whether one was on a line from
     * {@code firstLine} on. Rows are claimed in order, so earlier entries belong to lines nobody reports (skipped).
     */
    boolean claimInvalidLines(long firstLine, long lastLine) {
        boolean found = false;
        while (!invalidLines.isEmpty() && invalidLines.peekFirst() <= lastLine) {
            found |= invalidLines.pollFirst() >= firstLine;
        }
        return found;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    /** Decodes the next chunk into {@link #chars}; false once everything has been handed out. */
    private boolean decodeMore() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        int counted = 0;
        while (!flushed) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                counted = countLines(counted, chars.position());
                if (!chars.hasRemaining()) {
                    break; // no room for the replacement: the decoder reports the same error on the next call
                }
                bytes.position(bytes.position() + result.length());
                noteInvalidLine();
                chars.put(REPLACEMENT);
            } else if (result.isOverflow() || chars.position() > 0) {
                break;
            } else if (endOfInput) {
                flushed = decoder.flush(chars).isUnderflow();
            } else {
                readBytes();
            }
        }
        countLines(counted, chars.position());
        chars.flip();
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(0) == BYTE_ORDER_MARK) { // only a Unicode charset's byte-order mark decodes to it
                chars.position(1);
            }
        }
        return chars.hasRemaining() || !flushed;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int count = input.read(byteArray, bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + count);
        }
        bytes.flip();
    }

    private void noteInvalidLine() {
        Long last = invalidLines.peekLast();
        if (last == null || last != line) {
            invalidLines.addLast(line);
        }
    }

    /** Advances the line counter over {@code chars[from, to)} (write-mode positions); returns {@code to}. */
    private int countLines(int from, int to) {
        char[] array = chars.array();
        for (int i = from; i < to; i++) {
            char c = array[i];
            if (c == '\r') {
                line++;
                previousWasCarriageReturn = true;
            } else {
                if (c == '\n' && !previousWasCarriageReturn) {
                    line++;
                }
                previousWasCarriageReturn = false;
            }
        }
        return to;
    }
}
