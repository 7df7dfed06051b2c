package io.digitnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 413 to a request whose declared body is larger than its limit ({@link LimitSettings}); bodies without a
 * Content-Length (chunked) are refused as soon as they are read past the limit. Multipart bodies are parsed by
 * the servlet container, which applies {@code spring.servlet.multipart.*} (set to the upload limit) to chunked ones.
 */
@Component
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(LimitSettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final LimitSettings limits;
    private final ProblemResponses problems;

    BodySizeLimitFilter(LimitSettings limits, JsonMapper json) {
        this.limits = limits;
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = limits.limitFor(path, request.getContentType());
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "Request body too large", "The request body has " + declared + " bytes; the limit for " + path
                            + " is " + limit + " bytes (see digitnet.limits.*).");
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(new LimitedBodyRequest(request, limit), response);
        } catch (RequestBodyTooLargeException e) {
            // read outside Spring MVC's exception handling (e.g. by another filter): still a 413
            if (response.isCommitted()) {
                throw e;
            }
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "Request body too large", e.getBody().getDetail());
        }
    }
}
