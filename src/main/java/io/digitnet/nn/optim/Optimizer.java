package io.digitnet.nn.optim;

import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.Parameters;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An update rule that owns its state (velocities, moments) and its learning rate.
 *
 * <p>Lifecycle: created per training run; {@link #update} is called once per mini-batch with float32 parameters and
 * gradients of the same shapes (the state is allocated on the first call); {@link #state} and {@link #step} are saved
 * in a checkpoint and handed back to {@link #restore} on a fresh optimizer to continue exactly.
 */
public interface Optimizer {

    double learningRate();

    /** Updates {@code parameters} in place from the gradients of the mean loss. */
    void update(Parameters parameters, Parameters gradients);

    /** Updates applied so far (Adam's t). */
    long step();

    /** Copies of the state arrays by name, e.g. {@code v.W1}; empty for SGD or before the first update. */
    Map<String, INDArray> state();

    /** Replaces the state with copies of the given arrays (as returned by {@link #state}) and the step counter. */
    void restore(Map<String, INDArray> state, long step);

    static Optimizer create(OptimizerType type, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        return switch (type) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Momentum(learningRate, Momentum.DEFAULT_MOMENTUM);
            case ADAM -> new Adam(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2);
        };
    }
}
