package io.digitnet.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The name of this instance in job views, logs and the owner column of cluster mode: {@code digitnet.instance-id}
 * (environment {@code DIGITNET_INSTANCE_ID}) when set, else host name and the port the web server actually bound
 * (with {@code server.port=0} that port is only known once the server started, which is before any job runs: JobRunr
 * starts its server when the application is ready).
 */
@Component
public class InstanceId implements ApplicationListener<WebServerInitializedEvent> {

    public static final String PROPERTY = "digitnet.instance-id";

    private final String configured;
    private final String host;
    private volatile String value;

    @Autowired
    public InstanceId(Environment environment) {
        String id = environment.getProperty(PROPERTY, "");
        this.configured = id.isBlank() ? null : id.strip();
        this.host = hostName();
        this.value = configured != null ? configured : host + ":" + environment.getProperty("server.port", "8080");
    }

    /** A fixed name, for tests and tools outside a Spring context. */
    public static InstanceId of(String name) {
        return new InstanceId(name);
    }

    private InstanceId(String name) {
        this.configured = name;
        this.host = null;
        this.value = name;
    }

    public String get() {
        return value;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // the main server only (the management server, if any, has a namespace of its own)
        if (configured == null && event.getApplicationContext().getServerNamespace() == null) {
            value = host + ":" + event.getWebServer().getPort();
        }
    }

    @Override
    public String toString() {
        return value;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
