package io.digitnet.bench;

import io.digitnet.nn.Activation;
import io.digitnet.nn.BlasKernels;
import io.digitnet.nn.Checkpoint;
import io.digitnet.nn.EpochStats;
import io.digitnet.nn.LabeledData;
import io.digitnet.nn.MnistFiles;
import io.digitnet.nn.NativeThreads;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.Predictor;
import io.digitnet.nn.Trainer;
import io.digitnet.nn.TrainerConfig;
import io.digitnet.nn.TrainingCancelledException;
import io.digitnet.nn.TrainingListener;
import io.digitnet.nn.TrainingResult;
import io.digitnet.nn.WeightInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The training benchmark on the real MNIST (run it through {@code bench/train-benchmark.sh}, which also runs the
 * peers). Prints a readable report and one {@code RESULT {json}} line per measurement, with the peers' key names.
 *
 * <p>s/epoch ({@code epoch_s}) is the wall time of an epoch's training iterations only (as the peers time it): the
 * training thread's, from the previous epoch's last iteration to this one's; the per-epoch test pass runs meanwhile
 * on the trainer's evaluator thread. {@code epoch_with_eval_s} is the job's {@code seconds}: the wall time between two
 * epoch records. The median is over epochs 2..N.
 *
 * <p>Arguments: {@code --epochs N} (default 5), {@code --threads T} (default 1), {@code --data DIR}
 * (default data/datasets/mnist), {@code --quick} (3 epochs, shorter inference timing).
 */
public final class TrainBenchmark {

    private static final int BATCH = 100;
    private static final double LEARNING_RATE = 0.1;
    private static final long SEED = 1234;

    private record Spec(int hidden, Activation activation, WeightInit init) {
        String act() {
            return activation.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Times the training part of each epoch from the listener's callbacks (from the previous epoch's last iteration
     * to the epoch's last: the trainer reports an epoch during the next one, once its test pass is done), the
     * job's seconds and the test accuracy per epoch.
     */
    private static final class EpochTimer implements TrainingListener {
        final List<Double> trainSeconds = new ArrayList<>();
        final List<Double> trainCpuSeconds = new ArrayList<>();
        final List<Double> testAccuracy = new ArrayList<>();
        final List<Double> wallSeconds = new ArrayList<>();
        final Map<Integer, Long> lastIteration = new HashMap<>();    // by epoch; epoch 0: the start
        final Map<Integer, Long> lastIterationCpu = new HashMap<>();
        double target = Double.NaN;
        int reachedAtEpoch = -1;
        double trainSecondsToTarget;
        double wallSecondsToTarget;
        final long runStart = System.nanoTime();

        EpochTimer() {
            lastIteration.put(0, runStart);
            lastIterationCpu.put(0, processCpuNanos());
        }

        @Override
        public void onIteration(int epoch, long iteration, long totalIterations, double loss) {
            lastIteration.put(epoch, System.nanoTime());
            lastIterationCpu.put(epoch, processCpuNanos());
        }

        @Override
        public void onEpoch(EpochStats stats, Checkpoint checkpoint) {
            int e = stats.epoch();
            trainSeconds.add((lastIteration.get(e) - lastIteration.get(e - 1)) / 1e9);
            trainCpuSeconds.add((lastIterationCpu.get(e) - lastIterationCpu.get(e - 1)) / 1e9);
            testAccuracy.add(stats.testAccuracy());
            wallSeconds.add(stats.seconds());
            if (reachedAtEpoch < 0 && stats.testAccuracy() >= target) {
                reachedAtEpoch = stats.epoch();
                trainSecondsToTarget = trainSeconds.stream().mapToDouble(Double::doubleValue).sum();
                wallSecondsToTarget = (System.nanoTime() - runStart) / 1e9;
            }
        }
    }

    public static void main(String[] args) throws IOException {
        BlasKernels.select();
        int epochs = 5;
        int threads = 1;
        boolean quick = false;
        Path dir = MnistFiles.DEFAULT_DIR;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--data" -> dir = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (quick) {
            epochs = Math.min(epochs, 3);
        }
        NativeThreads.set(threads);
        long t0 = System.nanoTime();
        LabeledData train = MnistFiles.train(dir);
        LabeledData test = MnistFiles.test(dir);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        emit("INFO", map("peer", "digitnet", "threads", threads, "blas_threads", NativeThreads.blasThreads(),
                "epochs", epochs, "data_load_s", round(loadSeconds, 3), "rss_after_load_mb", rssMb("VmRSS"),
                "java", System.getProperty("java.version"), "openblas_kernels", BlasKernels.active()));
        System.out.printf(Locale.ROOT, "digitnet training benchmark: %d threads, %d epochs, batch %d, lr %.1f, SGD, "
                + "data loaded in %.2f s%n", threads, epochs, BATCH, LEARNING_RATE, loadSeconds);

        List<Spec> specs = List.of(new Spec(50, Activation.SIGMOID, WeightInit.STD),
                new Spec(100, Activation.SIGMOID, WeightInit.STD), new Spec(100, Activation.RELU, WeightInit.HE));
        TrainingResult relu = null;
        for (Spec spec : specs) {
            EpochTimer timer = new EpochTimer();
            TrainingResult result = trainer(spec, epochs, 0, train, test).train(timer, () -> false);
            double median = median(timer.trainSeconds.subList(timer.trainSeconds.size() > 1 ? 1 : 0,
                    timer.trainSeconds.size()));
            emit("RESULT", map("peer", "digitnet", "H", spec.hidden(), "act", spec.act(), "threads", threads,
                    "median_epoch_s", round(median, 4), "min_epoch_s", round(min(timer.trainSeconds), 4),
                    "epoch_s", rounded(timer.trainSeconds, 4), "epoch_cpu_s", rounded(timer.trainCpuSeconds, 3),
                    "epoch_with_eval_s", rounded(timer.wallSeconds, 4),
                    "train_samples_per_s", round(train.size() / median, 1),
                    "test_acc_per_epoch", rounded(timer.testAccuracy, 4),
                    "final_test_acc", round(last(timer.testAccuracy), 4), "rss_hwm_mb", rssMb("VmHWM")));
            System.out.printf(Locale.ROOT, "H=%-3d %-7s median %.4f s/epoch (epochs 2..%d, training only; CPU %s s), "
                            + "%.0f samples/s; test accuracy per epoch %s%n", spec.hidden(), spec.act(), median, epochs,
                    rounded(timer.trainCpuSeconds, 3), train.size() / median, rounded(timer.testAccuracy, 4));
            if (spec.activation() == Activation.RELU) {
                relu = result;
            }
        }

        timeToAccuracy(train, test, 0.96);
        inference(relu, test, quick);
        referenceRun(train, test);
        emit("RESULT", map("peer", "digitnet", "kind", "process", "rss_hwm_mb", rssMb("VmHWM")));
        System.out.printf(Locale.ROOT, "process peak RSS: %.1f MB%n", rssMb("VmHWM"));
    }

    private static Trainer trainer(Spec spec, int epochs, int iterations, LabeledData train, LabeledData test) {
        TrainerConfig config = new TrainerConfig(spec.hidden(), spec.activation(), spec.init(), OptimizerType.SGD,
                LEARNING_RATE, BATCH, epochs, iterations, SEED, null);
        return new Trainer(config, train, null, test);
    }

    /** H=100 ReLU with He init until the test accuracy first reaches the target (at most 20 epochs). */
    private static void timeToAccuracy(LabeledData train, LabeledData test, double target) {
        EpochTimer timer = new EpochTimer();
        timer.target = target;
        try {
            trainer(new Spec(100, Activation.RELU, WeightInit.HE), 20, 0, train, test)
                    .train(timer, () -> timer.reachedAtEpoch > 0);
        } catch (TrainingCancelledException reached) {
            // cancelled on purpose once the target was reached
        }
        emit("RESULT", map("peer", "digitnet", "kind", "time_to_acc", "H", 100, "act", "relu", "target", target,
                "epoch", timer.reachedAtEpoch, "train_s", round(timer.trainSecondsToTarget, 3),
                "wall_incl_eval_s", round(timer.wallSecondsToTarget, 3)));
        System.out.printf(Locale.ROOT, "time to %.2f test accuracy (H=100 ReLU, He): epoch %d, %.2f s of training "
                        + "(%.2f s including the per-epoch evaluation)%n", target, timer.reachedAtEpoch,
                timer.trainSecondsToTarget, timer.wallSecondsToTarget);
    }

    /** Predictor latency: one sample (median of many calls) and the 10,000 test images in one call. */
    private static void inference(TrainingResult relu, LabeledData test, boolean quick) {
        Predictor predictor = new Predictor(relu.parameters(), Activation.RELU);
        float[] all = test.x().dup('c').data().asFloat();
        float[] one = Arrays.copyOfRange(all, 0, 784);
        int calls = quick ? 5_000 : 20_000;
        for (int i = 0; i < calls; i++) {
            predictor.probabilities(one, 1);
        }
        long[] single = new long[calls];
        for (int i = 0; i < calls; i++) {
            long s = System.nanoTime();
            predictor.probabilities(one, 1);
            single[i] = System.nanoTime() - s;
        }
        predictor.probabilities(all, test.size());
        List<Double> batch = new ArrayList<>();
        for (int r = 0; r < (quick ? 3 : 7); r++) {
            long s = System.nanoTime();
            predictor.probabilities(all, test.size());
            batch.add((System.nanoTime() - s) / 1e9);
        }
        Arrays.sort(single);
        double singleUs = single[calls / 2] / 1e3;
        double batchS = median(batch);
        emit("RESULT", map("peer", "digitnet", "kind", "inference", "H", 100, "act", "relu",
                "infer1_median_us", round(singleUs, 2), "infer1_p99_us", round(single[calls * 99 / 100] / 1e3, 2),
                "infer10k_s", round(batchS, 5), "infer10k_samples_per_s", round(test.size() / batchS, 1)));
        System.out.printf(Locale.ROOT, "forward pass (Predictor, H=100 ReLU): one sample %.2f µs median "
                + "(p99 %.2f µs); 10,000 test images %.2f ms%n", singleUs, single[calls * 99 / 100] / 1e3, batchS * 1e3);
    }

    /** The notebook's reference run: H=50 sigmoid, std init, SGD 0.1, batch 100, 10,000 iterations. */
    private static void referenceRun(LabeledData train, LabeledData test) {
        EpochTimer timer = new EpochTimer();
        TrainingResult result = trainer(new Spec(50, Activation.SIGMOID, WeightInit.STD), 0, 10_000, train, test)
                .train(timer, () -> false);
        double accuracy = last(timer.testAccuracy);
        double trainSeconds = timer.trainSeconds.stream().mapToDouble(Double::doubleValue).sum();
        emit("RESULT", map("peer", "digitnet", "kind", "reference", "H", 50, "act", "sigmoid", "iters",
                result.iterations(), "final_test_acc", round(accuracy, 4),
                "final_train_acc", round(last(result.history()).trainAccuracy(), 4),
                "train_time_s", round(trainSeconds, 3), "pass", accuracy >= 0.94));
        System.out.printf(Locale.ROOT, "reference run (H=50 sigmoid, std init, 10,000 iterations = %d epochs): "
                        + "test accuracy %.4f (%s, needs >= 0.94), %.2f s of training%n", result.history().size(),
                accuracy, accuracy >= 0.94 ? "PASS" : "FAIL", trainSeconds);
    }

    // ---- small helpers ----

    /** CPU time of the whole process (all threads), as the peers report it; less disturbed by other tenants. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double rssMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return round(Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static <T> T last(List<T> values) {
        return values.get(values.size() - 1);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static List<Double> rounded(List<Double> values, int digits) {
        return values.stream().map(v -> round(v, digits)).toList();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** One line of JSON; the values here are numbers, booleans, strings and lists of numbers. */
    private static void emit(String tag, Map<String, Object> m) {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        m.forEach((k, v) -> json.add("\"" + k + "\": " + json(v)));
        System.out.println(tag + " " + json);
    }

    private static String json(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            return "null";
        }
        if (v instanceof List<?> list) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            list.forEach(x -> j.add(json(x)));
            return j.toString();
        }
        return String.valueOf(v);
    }
}
