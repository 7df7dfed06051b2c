package io.digitnet.cluster;

import io.digitnet.system.ClusterMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL LISTEN/NOTIFY between the instances: {@link #publish} sends a payload on a channel (inside the caller's
 * transaction when there is one, so it is delivered on commit), {@link #subscribe} receives those of every instance.
 * One dedicated connection, outside the pool, listens; when it breaks (database gone) it reconnects every second and
 * then calls the {@link #onReconnect} callbacks, which reread what they keep from the tables (notifications sent
 * meanwhile are lost).
 */
@Component
@ClusterMode
public class ClusterNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterNotifications.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);
    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD = 7999;

    private final DataSourceProperties database;
    private final JdbcTemplate jdbc;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectCallbacks = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Connection connection;
    private Thread listener;

    public ClusterNotifications(DataSourceProperties database, JdbcTemplate jdbc) {
        this.database = database;
        this.jdbc = jdbc;
    }

    /** Sends a notification to every instance (this one included). */
    public void publish(String channel, String payload) {
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("notification payload too long: " + payload.length());
        }
        jdbc.queryForObject("select pg_notify(?, ?)::text", String.class, channel, payload);
    }

    /** Receives the payloads sent on a channel, on the listener thread (keep it short). */
    public void subscribe(String channel, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Runs after the listening connection came back from a failure; notifications in between were missed. */
    public void onReconnect(Runnable callback) {
        reconnectCallbacks.add(callback);
    }

    /** True while the listening connection is up. */
    public boolean connected() {
        return connected;
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "cluster-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        boolean firstConnection = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                    database.determinePassword())) {
                connection = c;
                try (Statement statement = c.createStatement()) {
                    for (String channel : subscribers.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                connected = true;
                if (!firstConnection) {
                    log.info("Notification connection back; rereading shared state");
                    reconnectCallbacks.forEach(this::safely);
                }
                firstConnection = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        subscribers.getOrDefault(n.getName(), List.of())
                                .forEach(s -> safely(() -> s.accept(n.getParameter())));
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    if (connected || firstConnection) {
                        log.warn("Notification connection lost: {}; reconnecting every {}", e.getMessage(), RECONNECT);
                    }
                    firstConnection = false;
                }
            } finally {
                connected = false;
                connection = null;
            }
            if (running) {
                try {
                    Thread.sleep(RECONNECT.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("Notification handler failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Listens before the training workers start and until they have stopped. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
