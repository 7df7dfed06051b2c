package io.digitnet.inference.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Under {@code /v2} every error is {@code application/json} {@code {"error": "..."}}, the one shape the protocol's
 * clients read (the KServe SDK takes the message from {@code error} of a JSON body only). {@link V2ErrorAdvice}
 * answers so for the V2 handlers; this filter rewrites what comes from elsewhere: problem details of unknown paths
 * (404) and wrong methods (405), of the body-size and API-key filters (413, 401), and bare {@code sendError}s.
 * Successful answers pass through untouched; only an error body is buffered, to be rewritten.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class V2ErrorBodyFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    V2ErrorBodyFilter(JsonMapper json) {
        this.json = json;
    }

    /** A request whose body came late is handled in an asynchronous dispatch (see BodyDeadlineFilter): rewrite there too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/v2") || path.startsWith("/v2/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorCapturingResponse wrapper = new ErrorCapturingResponse(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            wrapper.finish();
        }
    }

    /** Buffers the body of an error answer (status ≥ 400 when the body is first written), to rewrite it. */
    private final class ErrorCapturingResponse extends HttpServletResponseWrapper {

        private ByteArrayOutputStream error;
        private ServletOutputStream stream;
        private PrintWriter writer;
        private String sentMessage;

        ErrorCapturingResponse(HttpServletResponse response) {
            super(response);
        }

        private boolean capturing() {
            if (error == null && getStatus() >= 400 && !getResponse().isCommitted()) {
                error = new ByteArrayOutputStream();
            }
            return error != null;
        }

        @Override
        public void sendError(int sc, String msg) {
            setStatus(sc);
            sentMessage = msg;
            capturing();
        }

        @Override
        public void sendError(int sc) {
            sendError(sc, null);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        error.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        error.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!capturing()) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (error == null) {
                super.flushBuffer();
            }
        }

        @Override
        public void setContentLength(int len) {
            if (error == null) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (error == null) {
                super.setContentLengthLong(len);
            }
        }

        void finish() throws IOException {
            if (error == null && getStatus() >= 400 && !getResponse().isCommitted()) {
                error = new ByteArrayOutputStream(); // an error with no body at all
            }
            if (error == null) {
                return;
            }
            if (writer != null) {
                writer.flush();
            }
            byte[] body = isHealthAnswer() ? error.toByteArray()
                    : json.writeValueAsBytes(new V2Responses.Error(message()));
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.resetBuffer();
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        }

        /** The protocol's own not-ready answers ({@code {"ready":false}}, {@code {"live":false}}) are kept as they are. */
        private boolean isHealthAnswer() {
            if (error.size() == 0) {
                return false;
            }
            try {
                JsonNode node = json.readTree(error.toByteArray());
                return node.isObject() && node.size() == 1
                        && (node.path("ready").isBoolean() || node.path("live").isBoolean());
            } catch (RuntimeException notJson) {
                return false;
            }
        }

        /** The message of what was written: its {@code error}, else a problem's {@code detail} or title. */
        private String message() {
            if (error.size() > 0) {
                try {
                    JsonNode node = json.readTree(error.toByteArray());
                    for (String field : new String[] {"error", "detail", "title"}) {
                        JsonNode value = node.get(field);
                        if (value != null && value.isString() && !value.stringValue().isBlank()) {
                            return value.stringValue();
                        }
                    }
                } catch (RuntimeException notJson) {
                    // fall through to the status' phrase
                }
            }
            if (sentMessage != null && !sentMessage.isBlank()) {
                return sentMessage;
            }
            HttpStatus status = HttpStatus.resolve(getStatus());
            return status == null ? "error " + getStatus() : status.getReasonPhrase();
        }
    }
}
