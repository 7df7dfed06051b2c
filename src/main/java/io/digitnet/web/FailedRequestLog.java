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
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per failed request (status 4xx or 5xx): {@code method}, {@code path} (never the query string or
 * headers, so no key or token can end up in the log), {@code status}, the problem's {@code type} and {@code title},
 * and {@code durationMs}, as {@code key=value} pairs in the message and as SLF4J key-value pairs (which structured
 * logging, e.g. {@code logging.structured.format.console=ecs}, turns into fields). Client errors are logged at
 * INFO without a stack trace; server errors at ERROR with the exception's stack trace, which never reaches the
 * client ({@link ProblemDetailsAdvice} answers a generic 500).
 */
@Component
// after BodyDeadlineFilter: a request whose body came late is handled (and logged) in the dispatch that follows the
// body's arrival, which this filter sees as an ordinary request
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class FailedRequestLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailedRequestLog.class);
    private static final String PROBLEM = FailedRequestLog.class.getName() + ".problem";
    private static final String EXCEPTION = FailedRequestLog.class.getName() + ".exception";

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
        LoggingEventBuilder event = status >= 500 ? log.atError() : log.atInfo();
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

    /** Values with spaces or quotes are quoted, so that a line splits unambiguously into pairs (logfmt). */
    private static String quoted(Object value) {
        String text = String.valueOf(value).replaceAll("[\\r\\n]", " ");
        return text.isEmpty() || text.matches(".*[\\s\"=].*") ? '"' + text.replace("\"", "\\\"") + '"' : text;
    }
}
