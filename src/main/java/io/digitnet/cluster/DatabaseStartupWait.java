package io.digitnet.cluster;

import io.digitnet.system.ClusterMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Cluster mode: an instance started while PostgreSQL cannot be reached waits for it (trying every
 * {@value #RETRY_SECONDS} s and logging why) before anything uses the database (Flyway, JobRunr, the stores), then
 * starts as usual, without a restart. Until then it serves nothing, so readiness is not UP; the wait happens as soon
 * as the DataSource exists, before the web server opens its port.
 */
@Component
@ClusterMode
class DatabaseStartupWait implements BeanPostProcessor {

    static final int RETRY_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(DatabaseStartupWait.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            await(dataSource, beanName);
        }
        return bean;
    }

    private static void await(DataSource dataSource, String name) {
        long started = System.nanoTime();
        long lastLog = 0;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                if (lastLog != 0) {
                    log.info("The database ({}) answers after {} s; starting", name,
                            (System.nanoTime() - started) / 1_000_000_000);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                long now = System.nanoTime();
                if (lastLog == 0 || now - lastLog >= LOG_EVERY.toNanos()) {
                    lastLog = now;
                    log.warn("The database ({}) cannot be reached yet, waiting for it: {}", name,
                            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
            }
            try {
                Thread.sleep(RETRY_SECONDS * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the database", e);
            }
        }
    }
}
