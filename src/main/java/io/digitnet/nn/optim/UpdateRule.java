package io.digitnet.nn.optim;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * How one parameter array changes after a mini-batch, given its gradient and the rule's own state arrays (shaped like
 * the parameter). {@link io.digitnet.nn.OptimizerType}'s constants are the rules; an {@link Optimizer} keeps the
 * state and applies a rule to every parameter array.
 */
public interface UpdateRule {

    /** Names of the state arrays kept per parameter, e.g. {@code v} for velocities; saved as {@code v.W1} etc. */
    List<String> stateNames();

    /**
     * Updates θ in place.
     *
     * @param theta        the parameter's entries
     * @param g            its gradient (bound to θ)
     * @param state        one buffer per {@link #stateNames()} entry, zero before the first update
     * @param learningRate lr
     * @param step         t, the number of this update counting from 1
     */
    void update(FloatBuffer theta, Gradient g, FloatBuffer[] state, float learningRate, long step);
}
