package io.digitnet.nn.optim;

import io.digitnet.nn.NativeArrays;
import io.digitnet.nn.Parameters;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** W ← W − lr·dW. Stateless; the trainer's fast path folds this update into the weight-gradient products. */
public final class Sgd implements Optimizer {

    private final double learningRate;
    private long step;

    public Sgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void update(Parameters parameters, Parameters gradients) {
        Map<String, INDArray> grads = gradients.asMap();
        parameters.asMap().forEach((name, p) ->
                descend(NativeArrays.floats(p), NativeArrays.floats(grads.get(name)), (float) learningRate, (int) p.length()));
        step++;
        Reference.reachabilityFence(parameters); // the loops ran on views of these arrays
        Reference.reachabilityFence(gradients);
    }

    /** Counts an update applied elsewhere (the fast path's folded update). */
    public void countStep() {
        step++;
    }

    private static void descend(FloatBuffer w, FloatBuffer g, float lr, int n) {
        for (int i = 0; i < n; i++) {
            w.put(i, w.get(i) - lr * g.get(i));
        }
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, INDArray> state, long step) {
        this.step = step;
    }
}
