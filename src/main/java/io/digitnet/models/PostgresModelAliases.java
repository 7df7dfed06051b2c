package io.digitnet.models;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The aliases of cluster mode, in table {@code model_aliases}. A change runs in one transaction under an advisory
 * lock, applied to the aliases as the database has them; every instance rereads them when notified
 * ({@value #CHANNEL}), so an alias moved on one instance is used by all within about a second. Reads come from memory,
 * so predictions go on while the database is away.
 */
@Component
@ClusterMode
class PostgresModelAliases implements ModelAliases {

    static final String CHANNEL = "digitnet_aliases";
    /** pg_advisory_xact_lock key of alias changes. */
    private static final long LOCK = 0x6469676974_01L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ClusterNotifications notifications;
    private volatile Map<String, String> current;

    PostgresModelAliases(JdbcTemplate jdbc, TransactionTemplate transactions, ClusterNotifications notifications) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, payload -> reload());
        notifications.onReconnect(this::reload);
        this.current = read();
    }

    @Override
    public Map<String, String> current() {
        return current;
    }

    @Override
    public void update(UnaryOperator<Map<String, String>> change) {
        Map<String, String> next = transactions.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
            Map<String, String> before = read();
            Map<String, String> after = Map.copyOf(change.apply(new TreeMap<>(before)));
            before.forEach((alias, id) -> {
                if (!id.equals(after.get(alias))) {
                    jdbc.update("delete from model_aliases where alias = ?", alias);
                }
            });
            after.forEach((alias, id) -> {
                if (!id.equals(before.get(alias))) {
                    jdbc.update("insert into model_aliases (alias, model_id) values (?, ?) on conflict (alias) "
                            + "do update set model_id = excluded.model_id, updated_at = now()", alias, id);
                }
            });
            notifications.publish(CHANNEL, "changed");
            return after;
        });
        current = next;
    }

    private void reload() {
        current = read();
    }

    private Map<String, String> read() {
        Map<String, String> aliases = new HashMap<>();
        jdbc.query("select alias, model_id from model_aliases", row -> {
            aliases.put(row.getString(1), row.getString(2));
        });
        return Map.copyOf(aliases);
    }
}
