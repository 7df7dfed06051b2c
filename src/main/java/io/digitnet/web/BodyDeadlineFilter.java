package io.digitnet.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives request bodies before anything else sees them, without holding a request thread while a body is on its
 * way, under one deadline for the whole body ({@link LimitSettings#bodyTimeout()}; for spooled uploads,
 * {@link LimitSettings#uploadTimeout()}).
 *
 * <p>Why: request threads are few on purpose (as many as the cores can keep busy with predictions), and a blocking
 * read holds its thread for as long as the client cares to trickle its body. Here a body that is already in the
 * connector's buffer (the usual case: a /predict body comes in the same packets as its headers) is taken at once and
 * the request goes on in the same thread. Any other body is read with Servlet non-blocking I/O (async + a
 * {@link ReadListener}): the thread goes back to the pool, the connector calls back as bytes arrive, and once the
 * body is complete the request is dispatched again and handled like any other. A body not complete by the deadline
 * is answered 408 (problem detail) and the connection closed, which frees everything it held.
 *
 * <p>Multipart bodies are read the same way and their parts parsed from the copy ({@link BufferedMultipartRequest}):
 * the container would parse them from the connection, blocking a request thread for as long as the client takes.
 * Bodies are kept in memory ({@link BodyBuffer}) up to {@link LimitSettings#uploadSize()}, the most any request may
 * hold in memory; multipart bodies to an endpoint that accepts more (POST /datasets, 200 MB) are spooled to a file
 * in the multipart folder as they arrive ({@link BodySpool}), under the longer upload deadline, and deleted after
 * the request whatever its outcome. A full disk while spooling is answered 507. Not read here: bodies that declare
 * more than their limit (answered 413 unread by {@link BodySizeLimitFilter}), and requests without a body. A
 * streamed (chunked) body is kept only up to one byte past its limit, so the limit further on still answers 413.
 *
 * <p>Placed before the filters that check and log requests (API key, body size, {@link FailedRequestLog}): the
 * handling that follows the read sees a plain request, with its body received, so every one of them runs exactly as
 * without this filter.
 */
@Component
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(LimitSettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodyDeadlineFilter extends OncePerRequestFilter {

    private static final String BODY = BodyDeadlineFilter.class.getName() + ".body";

    private final LimitSettings limits;
    private final List<EndpointGroup> endpoints;
    private final BodyProblems answers;
    private final ObjectProvider<MultipartConfigElement> multipartConfig;

    BodyDeadlineFilter(LimitSettings limits, ObjectProvider<EndpointGroup> endpoints, JsonMapper json,
                       ObjectProvider<MultipartConfigElement> multipartConfig) {
        this.limits = limits;
        this.endpoints = endpoints.orderedStream().toList();
        this.answers = new BodyProblems(new ProblemResponses(json));
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
            if (request.getAttribute(BODY) instanceof Received received) {
                request.removeAttribute(BODY);
                handle(request, response, chain, received);
            } else {
                chain.doFilter(request, response); // some other asynchronous request's dispatch
            }
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        LimitSettings.Limit limit = limits.limitFor(path, request.getContentType(), endpoints);
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        boolean multipart = BufferedMultipartRequest.isMultipart(request);
        MultipartConfigElement config = multipart ? multipartConfig(limit) : null;
        if (!(declared > 0 || chunked) || declared > limit.bytes() || multipart && config == null) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        boolean spooled = multipart && limit.bytes() > limits.uploadSize().toBytes();
        BodyReader.Deadline deadline = spooled
                ? new BodyReader.Deadline(limits.uploadTimeout(), "digitnet.limits.upload-timeout")
                : new BodyReader.Deadline(limits.bodyTimeout(), "digitnet.limits.body-timeout");
        ReceivedBody body;
        try {
            body = spooled ? BodySpool.create(BufferedMultipartRequest.folder(config).toPath(), declared, limit.bytes())
                    : new BodyBuffer(declared, limit.bytes());
        } catch (BodySpool.WriteFailed e) {
            answers.notSpooled(request, response, e);
            return;
        }
        ServletInputStream in = request.getInputStream();
        if (declared > 0) {
            // what has arrived already: with a declared length, reading what available() reports never blocks
            try {
                while (!body.done() && in.available() > 0 && body.readFrom(in)) {
                    // keep reading
                }
            } catch (IOException e) {
                body.release();
                if (e instanceof BodySpool.WriteFailed) {
                    answers.notSpooled(request, response, e);
                    return;
                }
                throw e;
            }
            if (body.done()) {
                handle(request, response, chain, new Received(body, limit, config));
                return;
            }
        }
        long left = deadline.time().toNanos() - (System.nanoTime() - start);
        // the container's own request and response: the dispatch that follows runs every filter again on them, so
        // that filters which wrap the response (V2's error bodies) wrap it again there
        AsyncContext async;
        try {
            async = request.startAsync();
        } catch (IllegalStateException e) {
            body.release();
            throw e;
        }
        async.setTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        BodyReader reader = new BodyReader(async, (HttpServletRequest) async.getRequest(),
                (HttpServletResponse) async.getResponse(), in, body, deadline, answers, BODY,
                new Received(body, limit, config));
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /**
     * A body received in full, with what it was received for: its endpoint's limit, and how its parts are parsed
     * (null: not multipart). Carried over to the asynchronous dispatch, so that neither is worked out twice.
     */
    record Received(ReceivedBody body, LimitSettings.Limit limit, MultipartConfigElement config) {
    }

    /**
     * The rest of the chain, on the body received (and its parts parsed from it); the body and its parsed parts are
     * let go of after, whatever the outcome.
     */
    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                        Received received) throws ServletException, IOException {
        ReceivedBody body = received.body();
        try {
            BufferedBodyRequest buffered = new BufferedBodyRequest(request, body);
            if (received.config() == null) {
                chain.doFilter(buffered, response);
                return;
            }
            if (body.size() > received.limit().bytes()) {
                answers.tooLarge(request, response, received.limit());
                return;
            }
            BufferedMultipartRequest multipart = new BufferedMultipartRequest(buffered, received.config());
            try {
                chain.doFilter(multipart, response);
            } finally {
                multipart.deleteParts();
            }
        } finally {
            body.release();
        }
    }

    /**
     * How the parts of a multipart body to an endpoint with {@code limit} are parsed here: as the container would
     * ({@code spring.servlet.multipart.*}), with the endpoint's own limit where it has a larger one (POST /datasets);
     * null without a multipart configuration.
     */
    private MultipartConfigElement multipartConfig(LimitSettings.Limit limit) {
        MultipartConfigElement config = multipartConfig.getIfAvailable();
        if (config == null || limit.bytes() <= limits.uploadSize().toBytes()) {
            return config;
        }
        return new MultipartConfigElement(config.getLocation(), limit.bytes(), limit.bytes(),
                config.getFileSizeThreshold());
    }

}
