package io.digitnet.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies into memory before anything else sees them, without holding a request thread while a body
 * is on its way, under one deadline for the whole body ({@link LimitSettings#bodyTimeout()}).
 *
 * <p>Why: request threads are few on purpose (as many as the cores can keep busy with predictions), and a blocking
 * read holds its thread for as long as the client cares to trickle its body. Here a body that is already in the
 * connector's buffer (the usual case: a /predict body comes in the same packets as its headers) is taken at once and
 * the request goes on in the same thread. Any other body is read with Servlet non-blocking I/O (async + a
 * {@link ReadListener}): the thread goes back to the pool, the connector calls back as bytes arrive, and once the
 * body is complete the request is dispatched again and handled like any other. A body not complete by the deadline
 * is answered 408 (problem detail) and the connection closed, which frees everything it held.
 *
 * <p>Multipart bodies up to {@link LimitSettings#uploadSize()} (images, weights files) are read the same way and their
 * parts parsed from the copy ({@link BufferedMultipartRequest}): the container would parse them from the connection,
 * blocking a request thread for as long as the client takes. Larger ones (a dataset upload has its own limit) are
 * left to the container. Not read here: bodies that declare more than their limit (answered 413 unread by
 * {@link BodySizeLimitFilter}), and requests without a body. A streamed (chunked) body is kept only up to one byte
 * past its limit, so the limit further on still answers 413.
 *
 * <p>Placed before the filters that check and log requests (API key, body size, {@link FailedRequestLog}): the
 * handling that follows the read sees a plain request, with its body in memory, so every one of them runs exactly as
 * without this filter.
 */
@Component
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(LimitSettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodyDeadlineFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BodyDeadlineFilter.class);
    private static final String BODY = BodyDeadlineFilter.class.getName() + ".body";

    private final LimitSettings limits;
    private final List<EndpointGroup> endpoints;
    private final ProblemResponses problems;
    private final ObjectProvider<MultipartConfigElement> multipartConfig;

    BodyDeadlineFilter(LimitSettings limits, ObjectProvider<EndpointGroup> endpoints, JsonMapper json,
                       ObjectProvider<MultipartConfigElement> multipartConfig) {
        this.limits = limits;
        this.endpoints = endpoints.orderedStream().toList();
        this.problems = new ProblemResponses(json);
        this.multipartConfig = multipartConfig;
    }

    /** The second pass, after the body was read asynchronously, must run too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            if (request.getAttribute(BODY) instanceof BodyBuffer body) {
                request.removeAttribute(BODY);
                handle(request, response, chain, body);
            } else {
                chain.doFilter(request, response); // some other asynchronous request's dispatch
            }
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = limits.limitFor(path, request.getContentType(), endpoints).bytes();
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        boolean unparsed = BufferedMultipartRequest.isMultipart(request) && multipartConfig(limit) == null;
        if (!(declared > 0 || chunked) || declared > limit || unparsed) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        BodyBuffer body = new BodyBuffer(declared, limit);
        ServletInputStream in = request.getInputStream();
        if (declared > 0) {
            // what has arrived already: with a declared length, reading what available() reports never blocks
            while (!body.done() && in.available() > 0 && body.readFrom(in)) {
                // keep reading
            }
            if (body.done()) {
                handle(request, response, chain, body);
                return;
            }
        }
        long left = limits.bodyTimeout().toNanos() - (System.nanoTime() - start);
        // the container's own request and response: the dispatch that follows runs every filter again on them, so
        // that filters which wrap the response (V2's error bodies) wrap it again there
        AsyncContext async = request.startAsync();
        async.setTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        Reader reader = new Reader(async, (HttpServletRequest) async.getRequest(),
                (HttpServletResponse) async.getResponse(), in, body);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /** The rest of the chain, on the body in memory (and its parts parsed from it); spooled parts removed after. */
    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain, BodyBuffer body)
            throws ServletException, IOException {
        BufferedBodyRequest buffered = new BufferedBodyRequest(request, body);
        MultipartConfigElement config = BufferedMultipartRequest.isMultipart(request) ? multipartConfig.getIfAvailable()
                : null;
        if (config == null) {
            chain.doFilter(buffered, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        LimitSettings.Limit limit = limits.limitFor(path, request.getContentType(), endpoints);
        if (body.size() > limit.bytes()) {
            // a streamed multipart body cut off past its limit: its parts cannot be parsed, and it is not a bad body
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                    RequestBodyTooLargeException.problem(limit.bytes(), limit.setting()).getDetail());
            return;
        }
        BufferedMultipartRequest multipart = new BufferedMultipartRequest(buffered, config);
        try {
            chain.doFilter(multipart, response);
        } finally {
            multipart.deleteParts();
        }
    }

    /** How parts of a multipart body under {@code limit} are parsed here; null: not here, by the container. */
    private MultipartConfigElement multipartConfig(long limit) {
        return limit <= limits.uploadSize().toBytes() ? multipartConfig.getIfAvailable() : null;
    }

    /** Reads as bytes arrive; then dispatches the request, or answers 408 at the deadline. Called by the container. */
    private final class Reader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final ServletInputStream in;
        private final BodyBuffer body;
        private final AtomicBoolean finished = new AtomicBoolean();

        Reader(AsyncContext async, HttpServletRequest request, HttpServletResponse response, ServletInputStream in,
               BodyBuffer body) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.in = in;
            this.body = body;
        }

        @Override
        public void onDataAvailable() throws IOException {
            // Read until isReady() itself says false: only then does the container call again when more comes. A read
            // may return 0 bytes while isReady() was true (a chunk header without its data yet); stopping there
            // left the request waiting for a call that never came, until the deadline (seen as a 408, "0 bytes").
            while (!body.done() && in.isReady()) {
                body.readFrom(in);
            }
            if (body.done()) {
                proceed();
            }
        }

        @Override
        public void onAllDataRead() {
            proceed();
        }

        @Override
        public void onError(Throwable t) {
            if (t instanceof SocketTimeoutException) {
                timedOut(); // the connector's own read timeout came first
            } else if (finished.compareAndSet(false, true)) {
                log.debug("request body not read: {}", t.toString());
                async.complete(); // the client went away; nothing to answer
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            timedOut();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void proceed() {
            if (finished.compareAndSet(false, true)) {
                request.setAttribute(BODY, body);
                async.dispatch();
            }
        }

        private void timedOut() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                response.setHeader("Connection", "close");
                problems.write(request, response, HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Request body too slow",
                        "The request body did not arrive within " + limits.bodyTimeout().toMillis() + " ms ("
                                + body.size() + " bytes came); see digitnet.limits.body-timeout.");
            } catch (IOException | RuntimeException e) {
                log.debug("could not answer 408: {}", e.toString());
            } finally {
                async.complete();
            }
        }
    }
}
