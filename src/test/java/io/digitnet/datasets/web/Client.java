package io.digitnet.datasets.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client over a socket for the datasets integration tests, with multipart uploads. */
final class Client {

    record Response(int status, String contentType, byte[] bytes, JsonNode json, String location,
                    java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** One part of a multipart body; {@code fileName} null makes it a plain field. */
    record Part(String name, String fileName, byte[] content) {
        static Part file(String name, String fileName, byte[] content) {
            return new Part(name, fileName, content);
        }

        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final JsonMapper json;

    Client(int port, JsonMapper json) {
        this.base = "http://localhost:" + port;
        this.json = json;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Response put(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Response postJson(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response upload(String path, Part... parts) {
        return upload(path, false, parts);
    }

    /** As {@link #upload(String, Part...)}, sent chunked: without a Content-Length. */
    Response uploadChunked(String path, Part... parts) {
        return upload(path, true, parts);
    }

    private Response upload(String path, boolean chunked, Part... parts) {
        String boundary = "----digitnet" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Part part : parts) {
                StringBuilder head = new StringBuilder("--").append(boundary)
                        .append("\r\nContent-Disposition: form-data; name=\"").append(part.name()).append('"');
                if (part.fileName() != null) {
                    head.append("; filename=\"").append(part.fileName())
                            .append("\"\r\nContent-Type: application/octet-stream");
                } else {
                    head.append("\r\nContent-Type: application/json");
                }
                head.append("\r\n\r\n");
                body.write(head.toString().getBytes(StandardCharsets.UTF_8));
                body.write(part.content());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.toByteArray()))
                        : HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode node = type.contains("json") && response.body().length > 0 ? json.readTree(response.body()) : null;
            return new Response(response.statusCode(), type, response.body(), node,
                    response.headers().firstValue("Location").orElse(null), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
