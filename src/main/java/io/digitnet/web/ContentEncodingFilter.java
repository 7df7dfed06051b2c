package io.digitnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are read as they are sent: a compressed one (gzip, deflate, br...) is answered 415 naming
 * {@code Content-Encoding}, instead of being parsed as garbage. Compressed bodies are not accepted because their
 * inflated size could not be bounded by the body limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class ContentEncodingFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    ContentEncodingFilter(JsonMapper json) {
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-encoding",
                "Unsupported Content-Encoding", "Content-Encoding '" + encoding.strip() + "' is not supported: send "
                        + "the request body uncompressed (no Content-Encoding header, or identity).");
    }
}
