package io.digitnet.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API keys for mutating endpoints.
 *
 * @param apiKey         the key clients must present ({@code Authorization: Bearer <key>} or {@code X-API-Key});
 *                       blank = no key required (a warning is logged at start-up)
 * @param protectPredict also require the key for endpoints whose POSTs only compute (predictions; their feature
 *                       declares them in an {@link EndpointGroup} that is not {@code mutations})
 */
@ConfigurationProperties("digitnet.security")
public record SecuritySettings(String apiKey, boolean protectPredict) {

    public boolean enabled() {
        return apiKey != null && !apiKey.isBlank();
    }

    /**
     * Whether a request needs the key (when one is set). Every method that can change state needs it, except on
     * endpoints that a feature declares free of mutations, unless {@code protectPredict}: anything not declared so is
     * protected, so a new endpoint is safe by default. The OpenAPI document marks operations with the same rule.
     *
     * @param path   the decoded, normalised path (servlet path), or an OpenAPI path template
     * @param groups what the features declare about their endpoints
     */
    public boolean requiresKey(String method, String path, List<EndpointGroup> groups) {
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("TRACE");
        if (safe) {
            return false;
        }
        boolean mutation = EndpointGroup.of(groups, path).map(EndpointGroup::mutations).orElse(true);
        return mutation || protectPredict;
    }

    /** Never shows the key: records print their components, and settings end up in logs and failure reports. */
    @Override
    public String toString() {
        return "SecuritySettings[apiKey=" + (enabled() ? "(set)" : "(none)") + ", protectPredict=" + protectPredict
                + "]";
    }
}
