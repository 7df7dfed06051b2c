package io.digitnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
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
 * Without an API key, any web page the user opens could otherwise start jobs or import and delete models on a
 * service at localhost. Like local notebook servers, mutations (the requests that would need the key) are refused
 * with 403 when the browser says they come from another site: {@code Sec-Fetch-Site: cross-site}, or an
 * {@code Origin} that is not this service's own. Clients that are not browsers send neither header and pass;
 * the service's own web page is same-origin and passes. With an API key set the key protects mutations instead
 * (a page cannot send it without the user's help).
 */
@Component
@EnableConfigurationProperties(SecuritySettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private final SecuritySettings settings;
    private final List<EndpointGroup> endpoints;
    private final ProblemResponses problems;

    CrossSiteRequestFilter(SecuritySettings settings, ObjectProvider<EndpointGroup> endpoints, JsonMapper json) {
        this.settings = settings;
        this.endpoints = endpoints.orderedStream().toList();
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return settings.enabled() || !settings.requiresKey(request.getMethod(), path.isEmpty() ? "/" : path,
                endpoints);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String refusal = null;
        if (fetchSite != null && fetchSite.strip().equalsIgnoreCase("cross-site")) {
            refusal = "Sec-Fetch-Site is cross-site";
        } else if (origin != null && !sameOrigin(origin, request)) {
            refusal = "Origin " + origin + " is not this service's own";
        }
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(request, response, HttpStatus.FORBIDDEN, "cross-site-request", "Cross-site request refused",
                "This request changes state and comes from another web site (" + refusal + "). Without an API key "
                        + "(digitnet.security.api-key) only this service's own page, and clients that are not "
                        + "browsers, may make it.");
    }

    /** Scheme, host and port of the Origin against those the request was sent to (its Host header). */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" (sandboxed frames, some redirects) and other opaque origins
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
