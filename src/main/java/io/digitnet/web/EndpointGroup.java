package io.digitnet.web;

import java.util.List;
import java.util.Optional;
import org.springframework.util.unit.DataSize;

/**
 * What a feature declares about some of the paths it serves, as a bean, for the web layer's filters and the API
 * document: how large a (non-multipart) request body they accept, and whether their POST/PUT/DELETE requests change
 * state. Paths in no group get {@code digitnet.limits.body-size} and count as mutations, so a new endpoint is
 * limited and protected by default.
 *
 * @param name          what the paths are, for messages ("predictions")
 * @param pathPrefixes  each matches itself and every path below it ({@code /predict} matches {@code /predict/image})
 * @param maxBodySize   the largest JSON body; answered 413 past it
 * @param limitSetting  the setting that sets {@code maxBodySize}, named in 413 answers
 * @param mutations     false for endpoints whose POSTs only compute (predictions): they need the API key only with
 *                      {@code digitnet.security.protect-predict}
 * @param maxUploadSize the largest multipart body, or null for {@code digitnet.limits.upload-size}
 * @param uploadLimitSetting the setting that sets {@code maxUploadSize}, or null
 */
public record EndpointGroup(String name, List<String> pathPrefixes, DataSize maxBodySize, String limitSetting,
                            boolean mutations, DataSize maxUploadSize, String uploadLimitSetting) {

    public EndpointGroup {
        pathPrefixes = List.copyOf(pathPrefixes);
    }

    /** A group whose uploads have the general multipart limit. */
    public EndpointGroup(String name, List<String> pathPrefixes, DataSize maxBodySize, String limitSetting,
                         boolean mutations) {
        this(name, pathPrefixes, maxBodySize, limitSetting, mutations, null, null);
    }

    boolean matches(String path) {
        return pathPrefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(
                prefix.endsWith("/") ? prefix : prefix + "/"));
    }

    /** The group that {@code path} (decoded and normalised, or an OpenAPI path template) belongs to, if any. */
    static Optional<EndpointGroup> of(List<EndpointGroup> groups, String path) {
        return groups.stream().filter(group -> group.matches(path)).findFirst();
    }
}
