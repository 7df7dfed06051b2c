package io.digitnet.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body {@link BodyDeadlineFilter} received in full (into memory, or spooled to a file). It presents itself as an ordinary request
 * dispatch, also when it is the asynchronous dispatch that follows a non-blocking read, so that the filters after
 * {@link BodyDeadlineFilter} (which skip asynchronous dispatches) check it as they check every request.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final ReceivedBody body;
    private ServletInputStream stream;
    private BufferedReader reader;

    BufferedBodyRequest(HttpServletRequest request, ReceivedBody body) {
        super(request);
        this.body = body;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (reader != null) {
            throw new IllegalStateException("getReader() was called already");
        }
        if (stream == null) {
            stream = new Replay(body);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (stream != null) {
            throw new IllegalStateException("getInputStream() was called already");
        }
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(new Replay(body), charset));
        }
        return reader;
    }

    /** The bytes received; a body that ended before its declared length fails at its end, as the socket would. */
    private static final class Replay extends ServletInputStream {

        private final InputStream in;
        private final boolean truncated;

        Replay(ReceivedBody body) throws IOException {
            this.in = body.open();
            this.truncated = body.truncated();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            return b < 0 ? end() : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, len);
            return n < 0 ? end() : n;
        }

        /**
         * The rest of the body in one exact copy from memory (the message converters read bodies this way):
         * InputStream's own readAllBytes reads into 8 KB chunks and copies them again, a third of what /predict
         * allocated per request. With {@link #markSupported()}, Spring MVC's empty-body check marks and resets this
         * stream instead of wrapping it in a PushbackInputStream, so this method is the one called.
         */
        @Override
        public byte[] readAllBytes() throws IOException {
            if (truncated) {
                return super.readAllBytes(); // fails at the end, as the socket would
            }
            return in.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public boolean markSupported() {
            return in.markSupported();
        }

        @Override
        public synchronized void mark(int readLimit) {
            in.mark(readLimit);
        }

        @Override
        public synchronized void reset() throws IOException {
            in.reset();
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        private int end() throws IOException {
            if (truncated) {
                throw new EOFException("the client closed the connection before the end of the body");
            }
            return -1;
        }

        @Override
        public boolean isFinished() {
            try {
                return in.available() == 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
