package io.digitnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where request body sizes are enforced: answers 413 to a request whose declared body is larger than its
 * limit ({@link LimitSettings}, or the {@link EndpointGroup} its path belongs to); bodies without a Content-Length
 * (chunked) are refused as soon as they are read past the limit, whoever reads them. Multipart bodies are parsed by
 * the servlet container, which applies {@code spring.servlet.multipart.*} (set to the upload limit) to chunked ones.
 */
@Component
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(LimitSettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final LimitSettings limits;
    private final List<EndpointGroup> endpoints;
    private final ProblemResponses problems;

    BodySizeLimitFilter(LimitSettings limits, ObjectProvider<EndpointGroup> endpoints, JsonMapper json) {
        this.limits = limits;
        this.endpoints = endpoints.orderedStream().toList();
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        LimitSettings.Limit limit = limits.limitFor(path, request.getContentType(), endpoints);
        long declared = request.getContentLengthLong();
        if (declared > limit.bytes()) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "Request body too large", "The request body has " + declared + " bytes; the limit for " + path
                            + " is " + limit.bytes() + " bytes (" + limit.setting() + ").");
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(new LimitedBodyRequest(request, limit.bytes(), limit.setting()), response);
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
