package io.digitnet.inference.grpc;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.Predictions;
import io.digitnet.inference.ServedModels;
import io.digitnet.inference.ServingReadiness;
import io.digitnet.web.EndpointGroup;
import io.digitnet.web.SecuritySettings;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Serves {@code inference.GRPCInferenceService} on {@code digitnet.grpc.port}, beside the HTTP server: the same
 * message size limit as REST bodies (larger messages are refused with {@code RESOURCE_EXHAUSTED}), the API key
 * ({@link ApiKeyInterceptor}) and Micrometer's gRPC server metrics ({@code grpc.server.*}, by service, method and
 * status code, at {@code /actuator/prometheus} like REST's {@code http.server.requests}).
 */
@Component
@ConditionalOnProperty(name = "digitnet.grpc.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(GrpcSettings.class)
public class GrpcInferenceServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcInferenceServer.class);

    private final GrpcSettings settings;
    private final InferenceSettings inference;
    private final InferenceGrpcService service;
    private final ServerInterceptor apiKey;
    private final ServerInterceptor metrics;
    private final int configuredPort;
    // a gRPC server cannot start again once shut down: each start builds a new one (the test context cache stops
    // and restarts contexts)
    private volatile Server server;
    private volatile ExecutorService executor;
    private volatile boolean running;

    GrpcInferenceServer(GrpcSettings settings, InferenceSettings inference, ServedModels models,
                        Predictions predictions, ServingReadiness readiness, SecuritySettings security,
                        ObjectProvider<EndpointGroup> endpoints, MeterRegistry meters,
                        ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        InferenceGrpcService service = new InferenceGrpcService(models, predictions, readiness, inference,
                info == null ? "unknown" : info.getVersion());
        this.settings = settings;
        this.inference = inference;
        this.service = service;
        this.apiKey = new ApiKeyInterceptor(security, endpoints.orderedStream().toList());
        this.metrics = new MetricCollectingServerInterceptor(meters);
        this.configuredPort = settings.port();
    }

    private Server build() {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.threads(), task -> {
            Thread thread = new Thread(task, "grpc-infer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // interceptors run last-added first: metrics see every call, refused ones included
        return NettyServerBuilder.forAddress(new InetSocketAddress(settings.port()))
                .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, inference.maxRequestSize().toBytes()))
                .executor(executor)
                .addService(ServerInterceptors.intercept(service, apiKey, metrics))
                .build();
    }

    /** The port it listens on: the configured one, or the one picked for port 0. */
    public int port() {
        return running ? server.getPort() : configuredPort;
    }

    @Override
    public void start() {
        server = build();
        try {
            server.start();
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("gRPC cannot listen on port " + configuredPort + " (digitnet.grpc.port)",
                    e);
        }
        running = true;
        log.info("gRPC inference.GRPCInferenceService listening on port {}", server.getPort());
    }

    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
