package io.digitnet.cluster;

import static org.awaitility.Awaitility.await;

import io.digitnet.training.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One digitnet instance in cluster mode as a JVM of its own, started from the test class path (no fat jar needed),
 * so that a test can stop it (SIGTERM), kill it (SIGKILL, as kill -9) or freeze it (SIGSTOP). Its log goes to a file
 * under its folder.
 */
final class ClusterInstance implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path folder;
    private final List<String> command;
    private Process process;

    private ClusterInstance(String name, int port, Path folder, List<String> command) {
        this.name = name;
        this.port = port;
        this.folder = folder;
        this.command = command;
    }

    /** Starts an instance; {@link #awaitReady} waits for it. */
    static ClusterInstance start(String name, TestDatabase database, Path folder, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-cp", System.getProperty("java.class.path"),
                "io.digitnet.DigitnetApplication"));
        int port = freePort();
        command.add("--server.port=" + port);
        command.add("--digitnet.mode=cluster");
        command.add("--digitnet.instance-id=" + name);
        command.add("--spring.datasource.url=" + database.url());
        command.add("--spring.datasource.username=" + TestDatabase.USER);
        command.add("--digitnet.datasets.provision-at-startup=false");
        command.add("--digitnet.datasets.dir=" + Path.of("data", "datasets").toAbsolutePath());
        command.add("--digitnet.models.dir=" + folder.resolve("models").toAbsolutePath());
        command.add("--digitnet.jobs.dir=" + folder.resolve("jobs").toAbsolutePath());
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        ClusterInstance instance = new ClusterInstance(name, port, folder, command);
        instance.launch();
        return instance;
    }

    /** Starts the same instance again (same name and port) after it was stopped or killed. */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs");
        }
        launch();
    }

    private void launch() {
        try {
            Files.createDirectories(folder);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Duration timeout) {
        Api api = api();
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast(name + " exited, see " + log(), () -> !process.isAlive())
                .until(() -> api.get("/actuator/health/readiness").status() == 200);
    }

    String name() {
        return name;
    }

    Api api() {
        return new Api(port);
    }

    int port() {
        return port;
    }

    Path log() {
        return folder.resolve(name + ".log");
    }

    String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: Spring's graceful shutdown. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    /** SIGTERM without waiting for the JVM to end ({@link #awaitExit}). */
    void terminate() {
        process.destroy();
    }

    void awaitExit() {
        waitForExit();
    }

    /** SIGSTOP: the JVM stalls (no thread runs, its connections stay open) until {@link #thaw}. */
    void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen JVM goes on where it stopped. */
    void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            thaw(); // a frozen JVM would not leave its database connections before the database is dropped
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
