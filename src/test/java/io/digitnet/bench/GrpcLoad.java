package io.digitnet.bench;

import com.google.protobuf.ByteString;
import io.digitnet.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.digitnet.inference.grpc.v2.ModelInferRequest;
import io.digitnet.inference.grpc.v2.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gRPC row of {@code bench/predict-benchmark.sh}: a closed-loop load generator like wrk, in Java so that the
 * client is not the bottleneck (a Python client would be). C calls are in flight at all times on grpc-java's async
 * stub (each answer sends the next call), spread over a few HTTP/2 connections, for D seconds after a warm-up; each
 * call is {@code ModelInfer} with the image as {@code raw_input_contents} (FP32, little-endian) and answers raw.
 * Prints one line in the format of {@code bench/predict-wrk.lua}:
 * {@code RESULT name=... requests= rps= p50_ms= p99_ms= max_ms= non2xx= connect= read= write= timeout=}, where
 * non2xx counts calls that did not end OK. With {@code --server-pid P} it appends {@code cpu_ticks=}: the user + system
 * CPU ticks of process P ({@code /proc/P/stat}) during the measured phase, as the script does for wrk's rows.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.digitnet.bench.GrpcLoad --port 8081 --model latest \
 *     --image single.f32 [--concurrency 32] [--duration 15] [--warmup 5] [--connections 2] [--name grpc] \
 *     [--server-pid P]
 * </pre>
 */
public final class GrpcLoad {

    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub[] stubs;
    private final ModelInferRequest request;

    private GrpcLoad(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub[] stubs, ModelInferRequest request) {
        this.stubs = stubs;
        this.request = request;
    }

    /** One phase: C loops of calls until {@code seconds} have passed; each loop keeps its own latencies. */
    private Phase run(int concurrency, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Phase phase = new Phase(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Loop(stubs[i % stubs.length], phase, i, end).next();
        }
        if (!phase.finished.await((long) seconds + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight 60 s after the end of the run");
        }
        phase.elapsedNanos = System.nanoTime() - phase.startNanos;
        return phase;
    }

    private static final class Phase {
        final long startNanos = System.nanoTime();
        final long[][] latencies;
        final int[] counts;
        final AtomicLong failed = new AtomicLong();
        final CountDownLatch finished;
        volatile String firstFailure;
        long elapsedNanos;

        Phase(int concurrency) {
            latencies = new long[concurrency][1024];
            counts = new int[concurrency];
            finished = new CountDownLatch(concurrency);
        }

        /** Called by loop {@code i} only, one call at a time: no sharing between loops. */
        void record(int i, long nanos) {
            if (counts[i] == latencies[i].length) {
                latencies[i] = Arrays.copyOf(latencies[i], counts[i] * 2);
            }
            latencies[i][counts[i]++] = nanos;
        }
    }

    /** One in-flight slot: sends a call, and on its answer the next one, until the end. */
    private final class Loop implements StreamObserver<ModelInferResponse> {
        private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub;
        private final Phase phase;
        private final int index;
        private final long end;
        private long sentAt;

        Loop(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub, Phase phase, int index, long end) {
            this.stub = stub;
            this.phase = phase;
            this.index = index;
            this.end = end;
        }

        void next() {
            sentAt = System.nanoTime();
            if (sentAt >= end) {
                phase.finished.countDown();
                return;
            }
            stub.modelInfer(request, this);
        }

        @Override
        public void onNext(ModelInferResponse response) {
            // the answer is checked once in main(); here only its arrival counts
        }

        @Override
        public void onError(Throwable t) {
            phase.failed.incrementAndGet();
            if (phase.firstFailure == null) {
                phase.firstFailure = Status.fromThrowable(t).toString();
            }
            phase.record(index, System.nanoTime() - sentAt);
            next();
        }

        @Override
        public void onCompleted() {
            phase.record(index, System.nanoTime() - sentAt);
            next();
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8081;
        String model = "latest";
        String name = "digitnet_gRPC_raw";
        Path image = null;
        int concurrency = 32;
        int connections = 2;
        double duration = 15;
        double warmup = 5;
        long serverPid = -1;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--model" -> model = value;
                case "--name" -> name = value.replace(' ', '_');
                case "--image" -> image = Path.of(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--duration" -> duration = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--server-pid" -> serverPid = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (image == null) {
            throw new IllegalArgumentException("--image FILE: the image as 784 little-endian FP32 values");
        }
        byte[] pixels = Files.readAllBytes(image);
        if (pixels.length % (784 * 4) != 0) {
            throw new IllegalArgumentException(image + " has " + pixels.length + " bytes, not N × 784 × 4");
        }
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName(model)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("pixels").setDatatype("FP32")
                        .addShape(pixels.length / (784 * 4)).addShape(784))
                .addRawInputContents(ByteString.copyFrom(pixels)).build();

        List<ManagedChannel> channels = new ArrayList<>();
        GRPCInferenceServiceGrpc.GRPCInferenceServiceStub[] stubs =
                new GRPCInferenceServiceGrpc.GRPCInferenceServiceStub[connections];
        for (int i = 0; i < connections; i++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                    .directExecutor().maxInboundMessageSize(64 << 20).build();
            channels.add(channel);
            stubs[i] = GRPCInferenceServiceGrpc.newStub(channel);
        }
        try {
            ModelInferResponse first = GRPCInferenceServiceGrpc.newBlockingStub(channels.get(0)).modelInfer(request);
            System.err.println("gRPC " + host + ":" + port + " model " + first.getModelVersion() + ": "
                    + first.getRawOutputContents(0).size() + " bytes of raw FP32 output; " + concurrency
                    + " calls in flight over " + connections + " connections");
            GrpcLoad load = new GrpcLoad(stubs, request);
            if (warmup > 0) {
                load.run(concurrency, warmup);
            }
            long ticks = cpuTicks(serverPid);
            Phase phase = load.run(concurrency, duration);
            report(name, phase, serverPid < 0 ? "" : " cpu_ticks=" + (cpuTicks(serverPid) - ticks));
        } finally {
            for (ManagedChannel channel : channels) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** utime + stime of a process, in clock ticks; 0 without one. */
    private static long cpuTicks(long pid) throws java.io.IOException {
        if (pid < 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces: state is field 3
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void report(String name, Phase phase, String cpu) {
        long[] all = new long[Arrays.stream(phase.counts).sum()];
        int at = 0;
        for (int i = 0; i < phase.counts.length; i++) {
            System.arraycopy(phase.latencies[i], 0, all, at, phase.counts[i]);
            at += phase.counts[i];
        }
        Arrays.sort(all);
        double seconds = phase.elapsedNanos / 1e9;
        if (phase.firstFailure != null) {
            System.err.println(phase.failed.get() + " calls failed, the first with " + phase.firstFailure);
        }
        System.out.println(String.format(Locale.ROOT, "RESULT name=%s requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f "
                        + "max_ms=%.3f non2xx=%d connect=0 read=0 write=0 timeout=0%s", name, all.length,
                all.length / seconds, percentile(all, 50), percentile(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, phase.failed.get(), cpu));
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
