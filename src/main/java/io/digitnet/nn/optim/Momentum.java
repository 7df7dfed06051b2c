package io.digitnet.nn.optim;

import io.digitnet.nn.NativeArrays;
import io.digitnet.nn.Parameters;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** v ← μ·v − lr·dW; W ← W + v (the notebook's Momentum). State: the velocities {@code v.W1} ... {@code v.b2}. */
public final class Momentum implements Optimizer {

    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double learningRate;
    private final double momentum;
    private final OptimizerState velocity = new OptimizerState("v");
    private long step;

    public Momentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void update(Parameters parameters, Parameters gradients) {
        velocity.allocate(parameters);
        Map<String, INDArray> grads = gradients.asMap();
        parameters.asMap().forEach((name, p) -> apply(NativeArrays.floats(p), NativeArrays.floats(grads.get(name)),
                NativeArrays.floats(velocity.get(name)), (float) momentum, (float) learningRate, (int) p.length()));
        step++;
        Reference.reachabilityFence(parameters); // the loops ran on views of these arrays
        Reference.reachabilityFence(gradients);
    }

    private static void apply(FloatBuffer w, FloatBuffer g, FloatBuffer v, float mu, float lr, int n) {
        for (int i = 0; i < n; i++) {
            float vi = mu * v.get(i) - lr * g.get(i);
            v.put(i, vi);
            w.put(i, w.get(i) + vi);
        }
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        velocity.exportTo(state);
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> state, long step) {
        velocity.importFrom(state);
        this.step = step;
    }
}
