package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring files in ops/ against the running service: Prometheus scrapes the path the service exposes, every
 * file docker-compose.yml mounts exists, and every metric the Grafana dashboard queries is one the service
 * publishes (scraped while a small job runs, and after it ended).
 */
class MonitoringFilesIntegrationTests extends ServiceTestContext {

    private static final Pattern METRIC = Pattern.compile("\\b(digitnet_[a-z_]+|http_server_[a-z_]+)");

    @Test
    @SuppressWarnings("unchecked")
    void composeMountsFilesThatExistAndPrometheusScrapesTheActuator() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("digitnet", "prometheus", "grafana");
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Path.of(source)).as(volume.toString()).exists();
                }
            }
        }

        Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("ops/prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(job.get("static_configs").toString()).contains("digitnet:8080");
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void everyMetricTheDashboardQueriesIsPublished() throws IOException {
        JsonNode dashboard = json.readTree(Files.readString(Path.of("ops/grafana/dashboards/digitnet.json")));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asString());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).contains("digitnet_training_progress", "digitnet_training_loss",
                "digitnet_training_accuracy", "digitnet_jobs", "http_server_requests_seconds_bucket");

        http.postJson("/predict", "{\"pixels\":[" + "0,".repeat(783) + "1]}"); // whatever the answer, it is timed
        String job = http.postJson("/jobs", "{\"name\":\"dashboard\",\"hiddenSize\":20,\"epochs\":30,\"seed\":5}")
                .json().get("id").asString();
        Set<String> published = new TreeSet<>();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            published.addAll(names(http.get("/actuator/prometheus").body()));
            assertThat(published).contains("digitnet_training_progress", "digitnet_training_accuracy");
        });
        http.delete("/jobs/" + job);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get("/jobs/" + job).json().get("status").asString().equals("CANCELLED"));
        published.addAll(names(http.get("/actuator/prometheus").body()));

        assertThat(published).containsAll(queried);
    }

    private static List<String> names(String exposition) {
        List<String> names = new ArrayList<>();
        exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
