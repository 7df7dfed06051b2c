package io.digitnet.nn.optim;

import io.digitnet.nn.NativeArrays;
import io.digitnet.nn.Parameters;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam as in the notebook: t ← t + 1; lr_t = lr·√(1 − β2^t) / (1 − β1^t); m ← m + (1 − β1)(g − m);
 * v ← v + (1 − β2)(g² − v); W ← W − lr_t·m / (√v + 1e−7). State: {@code m.*}, {@code v.*} and t ({@link #step}).
 */
public final class Adam implements Optimizer {

    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    static final float EPSILON = 1e-7f;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final OptimizerState m = new OptimizerState("m");
    private final OptimizerState v = new OptimizerState("v");
    private long step;

    public Adam(double learningRate, double beta1, double beta2) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void update(Parameters parameters, Parameters gradients) {
        m.allocate(parameters);
        v.allocate(parameters);
        step++;
        float lrT = (float) (learningRate * Math.sqrt(1.0 - Math.pow(beta2, step)) / (1.0 - Math.pow(beta1, step)));
        Map<String, INDArray> grads = gradients.asMap();
        parameters.asMap().forEach((name, p) -> apply(NativeArrays.floats(p), NativeArrays.floats(grads.get(name)),
                NativeArrays.floats(m.get(name)), NativeArrays.floats(v.get(name)),
                (float) (1.0 - beta1), (float) (1.0 - beta2), lrT, (int) p.length()));
        Reference.reachabilityFence(parameters); // the loops ran on views of these arrays
        Reference.reachabilityFence(gradients);
    }

    private static void apply(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v,
                              float oneMinusBeta1, float oneMinusBeta2, float lrT, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = m.get(i) + oneMinusBeta1 * (gi - m.get(i));
            float vi = v.get(i) + oneMinusBeta2 * (gi * gi - v.get(i));
            m.put(i, mi);
            v.put(i, vi);
            w.put(i, w.get(i) - lrT * mi / ((float) Math.sqrt(vi) + EPSILON));
        }
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        m.exportTo(state);
        v.exportTo(state);
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> state, long step) {
        m.importFrom(state);
        v.importFrom(state);
        this.step = step;
    }
}
