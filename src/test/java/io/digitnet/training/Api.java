package io.digitnet.training;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the integration tests: the real API over a real socket, JSON read as trees. */
public final class Api {

    public record Response(int status, HttpHeaders headers, JsonNode body, String text) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** One server-sent event. */
    public record Event(String name, JsonNode data) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** http://localhost:port */
    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Submits a job and returns its id; fails unless the answer is 202. */
    public String submit(String json) {
        Response response = post("/jobs", json);
        if (response.status() != 202) {
            throw new AssertionError("POST /jobs " + json + " answered " + response.status() + ": " + response.text());
        }
        return response.body().get("id").asString();
    }

    public JsonNode job(String id) {
        return get("/jobs/" + id).body();
    }

    /** Waits until the job has one of the statuses and returns it. */
    public JsonNode awaitStatus(String id, Duration timeout, String... statuses) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            last.set(job(id));
            return Arrays.asList(statuses).contains(last.get().get("status").asString());
        });
        return last.get();
    }

    /** Opens a job's event stream, returning once its headers arrived; the caller reads and closes the body. */
    public HttpResponse<java.io.InputStream> openEvents(String id) {
        HttpRequest request = HttpRequest.newBuilder(uri("/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The events of a stream's lines, read to the stream's end. */
    public static List<Event> parse(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (name[0] != null) {
                    events.add(new Event(name[0], JSON.readTree(data.toString())));
                }
                name[0] = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()));
            }
        });
        return events;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = type.contains("json") && !text.isEmpty() ? JSON.readTree(text) : null;
            return new Response(response.statusCode(), response.headers(), body, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
