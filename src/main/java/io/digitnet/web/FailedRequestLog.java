package io.digitnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per failed request (status 4xx or 5xx): {@code method}, {@code path} (never the query string or
 * headers, so no key or token can end up in the log), {@code status}, the problem's {@code type} and {@code title},
 * and {@code durationMs}, as {@code key=value} pairs in the message and as SLF4J key-value pairs (which structured
 * logging, e.g. {@code logging.structured.format.console=ecs}, turns into fields). Client errors are logged at
 * INFO without a stack trace; server errors at ERROR with the exception's stack trace, which never reaches the
 * client ({@link ProblemDetailsAdvice} answers a generic 500). Two kinds of 5xx are no error of the server:
 * a health probe's DOWN (a readiness 503 while ND4J warms up is normal start-up, and the probe's caller acts on the
 * status) is logged at DEBUG; a deliberate 503 or 507 without an exception (the database is away, the disk is full:
 * the answer says so and when to retry) at WARN.
 */
@Component
// after BodyDeadlineFilter: a request whose body came late is handled (and logged) in the dispatch that follows the
// body's arrival, which this filter sees as an ordinary request
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class FailedRequestLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailedRequestLog.class);
    private static final String PROBLEM = FailedRequestLog.class.getName() + ".problem";
    private static final String EXCEPTION = FailedRequestLog.class.getName() + ".exception";

    private final String healthPath;

    FailedRequestLog(@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        this.healthPath = actuatorBasePath + "/health";
    }

    /** Called wherever a problem detail is written, so that its type and title appear in the log line. */
    static void recordProblem(HttpServletRequest request, ProblemDetail problem) {
        request.setAttribute(PROBLEM, problem);
    }

    /** Called for an unexpected exception, whose stack trace belongs in the server's log only. */
    static void recordException(HttpServletRequest request, Throwable exception) {
        request.setAttribute(EXCEPTION, exception);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (status >= 400 && !request.isAsyncStarted()) {
                log(request, status, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /** Streams (SSE) are not logged: they are 200s, and their end is not a failed request. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    private void log(HttpServletRequest request, int status, long durationMs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.getMethod());
        fields.put("path", request.getRequestURI());
        fields.put("status", status);
        if (request.getAttribute(PROBLEM) instanceof ProblemDetail problem) {
            fields.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
            fields.put("title", problem.getTitle());
        }
        fields.put("durationMs", durationMs);

        Throwable exception = status >= 500 && request.getAttribute(EXCEPTION) instanceof Throwable t ? t : null;
        LoggingEventBuilder event = log.atLevel(level(request, status, exception));
        if (exception != null) {
            event = event.setCause(exception);
        }
        StringBuilder message = new StringBuilder("request failed");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            event = event.addKeyValue(field.getKey(), field.getValue());
            message.append(' ').append(field.getKey()).append('=').append(quoted(field.getValue()));
        }
        event.log(message.toString());
    }

    private Level level(HttpServletRequest request, int status, Throwable exception) {
        if (status < 500) {
            return Level.INFO;
        }
        if (exception == null && isHealthProbe(request)) {
            return Level.DEBUG;
        }
        boolean deliberate = status == HttpStatus.SERVICE_UNAVAILABLE.value()
                || status == HttpStatus.INSUFFICIENT_STORAGE.value();
        return deliberate && exception == null ? Level.WARN : Level.ERROR;
    }

    /** Actuator's health groups (liveness, readiness) and the V2 protocol's health calls. */
    private boolean isHealthProbe(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(healthPath) || path.startsWith(healthPath + "/") || path.startsWith("/v2/health/");
    }

    /** Values with spaces or quotes are quoted, so that a line splits unambiguously into pairs (logfmt). */
    private static String quoted(Object value) {
        String text = String.valueOf(value).replaceAll("[\\r\\n]", " ");
        return text.isEmpty() || text.matches(".*[\\s\"=].*") ? '"' + text.replace("\"", "\\\"") + '"' : text;
    }
}
