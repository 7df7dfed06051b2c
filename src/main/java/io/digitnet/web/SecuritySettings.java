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
}
