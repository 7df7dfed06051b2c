package io.digitnet.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API keys for mutating endpoints.
 *
 * @param apiKey         the key clients must present ({@code Authorization: Bearer <key>} or {@code X-API-Key});
 *                       blank = no key required (a warning is logged at start-up)
 * @param protectPredict also require the key for prediction endpoints ({@code /predict}, {@code /v2/.../infer})
 */
@ConfigurationProperties("digitnet.security")
public record SecuritySettings(String apiKey, boolean protectPredict) {

    public boolean enabled() {
        return apiKey != null && !apiKey.isBlank();
    }

    /**
     * Whether a request needs the key (when one is set). Every method that can change state needs it, except the
     * prediction endpoints unless {@code protectPredict}: anything not known to be a prediction is protected, so a
     * new endpoint is safe by default. The OpenAPI document marks operations with the same rule.
     *
     * @param path the decoded, normalised path (servlet path), or an OpenAPI path template
     */
    public boolean requiresKey(String method, String path) {
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("TRACE");
        if (safe) {
            return false;
        }
        boolean prediction = path.equals("/predict") || path.startsWith("/predict/") || path.startsWith("/v2/");
        return !prediction || protectPredict;
    }

    /** Never shows the key: records print their components, and settings end up in logs and failure reports. */
    @Override
    public String toString() {
        return "SecuritySettings[apiKey=" + (enabled() ? "(set)" : "(none)") + ", protectPredict=" + protectPredict
                + "]";
    }
}
