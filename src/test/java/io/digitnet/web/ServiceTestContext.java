package io.digitnet.web;

import io.digitnet.TestFolders;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running server (the default configuration: no API key, default limits) shared by the cross-cutting tests
 * that need nothing special, on model and job stores of its own. Subclasses inherit the same configuration, so
 * Spring starts it once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "digitnet.datasets.provision-at-startup=false")
@Import(FailingTestController.class)
abstract class ServiceTestContext {

    static final Path DATA = temporaryDirectory("digitnet-web-tests");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("digitnet.models.dir", () -> DATA.resolve("models").toString());
        registry.add("digitnet.jobs.dir", () -> DATA.resolve("jobs").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, json);
    }

    static Path temporaryDirectory(String prefix) {
        return TestFolders.create(prefix);
    }
}
