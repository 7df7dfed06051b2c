package io.digitnet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.mock.env.MockEnvironment;

class InstanceIdTests {

    @Test
    void withoutAConfiguredIdItIsTheHostAndThePortTheServerBound() {
        InstanceId id = new InstanceId(new MockEnvironment().withProperty("server.port", "0"));
        assertThat(id.get()).endsWith(":0");
        String host = id.get().substring(0, id.get().length() - 2);

        id.onApplicationEvent(started(43117, null));
        assertThat(id.get()).isEqualTo(host + ":43117");
        id.onApplicationEvent(started(9090, "management"));
        assertThat(id.get()).isEqualTo(host + ":43117");
    }

    @Test
    void aConfiguredIdStays() {
        InstanceId id = new InstanceId(new MockEnvironment().withProperty(InstanceId.PROPERTY, " node-a "));
        id.onApplicationEvent(started(43117, null));
        assertThat(id.get()).isEqualTo("node-a");
    }

    private static WebServerInitializedEvent started(int port, String namespace) {
        WebServer server = mock(WebServer.class);
        when(server.getPort()).thenReturn(port);
        WebServerApplicationContext context = mock(WebServerApplicationContext.class);
        when(context.getServerNamespace()).thenReturn(namespace);
        return new WebServerInitializedEvent(server) {
            @Override
            public WebServerApplicationContext getApplicationContext() {
                return context;
            }
        };
    }
}
