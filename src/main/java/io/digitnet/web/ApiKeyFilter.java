package io.digitnet.web;

import io.digitnet.files.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requires the configured API key on mutating requests ({@code POST}, {@code PUT}, {@code DELETE}, except where a
 * feature's {@link EndpointGroup} says they only compute) and, when {@code protect-predict} is set, on those too. Reads stay open. The key itself is
 * never logged, and only its SHA-256 is kept in memory.
 */
@Component
// declared here too: MVC test slices pick up filters and advice, but not the configuration properties scan
@EnableConfigurationProperties(SecuritySettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final SecuritySettings settings;
    private final List<EndpointGroup> endpoints;
    private final ProblemResponses problems;
    private final byte[] expectedDigest;

    ApiKeyFilter(SecuritySettings settings, ObjectProvider<EndpointGroup> endpoints, JsonMapper json) {
        this.settings = settings;
        this.endpoints = endpoints.orderedStream().toList();
        this.problems = new ProblemResponses(json);
        this.expectedDigest = settings.enabled() ? sha256(settings.apiKey()) : null;
        if (!settings.enabled()) {
            log.warn("No API key configured (digitnet.security.api-key / DIGITNET_API_KEY): anyone who can reach "
                    + "this service can start and cancel jobs, import and delete models. Set a key in production.");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || !settings.requiresKey(request.getMethod(), pathOf(request), endpoints);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented != null && MessageDigest.isEqual(expectedDigest, sha256(presented))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"digitnet\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized",
                presented == null ? "API key required" : "Invalid API key",
                presented == null
                        ? "This endpoint requires an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
                        : "The API key is not valid.");
    }

    /**
     * The path as the servlet container decoded and normalised it (no {@code ;parameters}, no {@code %2e}
     * tricks): the raw request URI could be spelled so that it looks unprotected yet still routes to a
     * protected endpoint.
     */
    private static String pathOf(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return request.getHeader("X-API-Key");
    }

    // Comparing digests of equal length keeps the comparison constant-time whatever the presented key's length.
    private static byte[] sha256(String value) {
        return Sha256.newDigest().digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
