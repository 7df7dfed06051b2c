package io.digitnet.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw HTTP/1.1 connection (Connection: close) that sends its request body as slowly as a test wants. */
final class SlowClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private SlowClient(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(30_000); // a test never waits forever for an answer
        out = socket.getOutputStream();
    }

    /** Headers that declare {@code length} bytes, then only {@code start} of them. */
    static SlowClient declared(int port, String path, int length, String start) {
        return declared(port, path, "application/json", length, start);
    }

    /** As {@link #declared(int, String, int, String)}, with another Content-Type (multipart/form-data; boundary=...). */
    static SlowClient declared(int port, String path, String contentType, int length, String start) {
        return open(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + length + "\r\n\r\n" + start);
    }

    /** Headers of a chunked body, then its first chunk, {@code start}. */
    static SlowClient chunked(int port, String path, String start) {
        return chunked(port, path, "application/json", start);
    }

    /** As {@link #chunked(int, String, String)}, with another Content-Type. */
    static SlowClient chunked(int port, String path, String contentType, String start) {
        SlowClient client = open(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        client.chunk(start);
        return client;
    }

    private static SlowClient open(int port, String text) {
        try {
            SlowClient client = new SlowClient(port);
            client.send(text);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends more of a declared body. */
    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends more of a declared body, as bytes. */
    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one chunk of a chunked body; false once the server has closed the connection. */
    boolean chunk(String text) {
        try {
            send(Integer.toHexString(text.length()) + "\r\n" + text + "\r\n");
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Everything the server sends until it closes the connection (its answer, when it closes after it). */
    String readToEnd() {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open after 30 s; received: " + answer, e);
        } catch (IOException e) {
            // a reset after the answer also ends the connection
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
