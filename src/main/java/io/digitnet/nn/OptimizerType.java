package io.digitnet.nn;

import com.fasterxml.jackson.annotation.JsonValue;
import io.digitnet.nn.optim.Gradient;
import io.digitnet.nn.optim.Optimizer;
import io.digitnet.nn.optim.UpdateRule;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The update rule applied to the parameters after each mini-batch. Each constant is the rule itself (an
 * {@link UpdateRule}: its state arrays and one loop over a parameter array); {@link Optimizer} keeps the state and
 * the learning rate. Adding a rule (RMSProp, say) is one constant here; the tests iterate over {@code values()}.
 */
public enum OptimizerType implements UpdateRule {

    /** θ ← θ − lr·g. Stateless, and linear in g: the training step folds it into the gradient's own product. */
    SGD() {
        @Override
        public void update(FloatBuffer theta, Gradient g, FloatBuffer[] state, float learningRate, long step) {
            g.addToParameter(-learningRate);
        }
    },

    /** v ← μ·v − lr·g; θ ← θ + v, with μ = {@value #MOMENTUM_MU} (the notebook's Momentum). */
    MOMENTUM("v") {
        @Override
        public void update(FloatBuffer theta, Gradient g, FloatBuffer[] state, float learningRate, long step) {
            FloatBuffer grad = g.values();
            FloatBuffer v = state[0];
            float mu = (float) MOMENTUM_MU;
            for (int i = 0, n = theta.limit(); i < n; i++) {
                float vi = mu * v.get(i) - learningRate * grad.get(i);
                v.put(i, vi);
                theta.put(i, theta.get(i) + vi);
            }
        }
    },

    /**
     * The notebook's Adam, β1 = {@value #ADAM_BETA1}, β2 = {@value #ADAM_BETA2}: lr_t = lr·√(1 − β2^t) / (1 − β1^t);
     * m ← m + (1 − β1)(g − m); v ← v + (1 − β2)(g² − v); θ ← θ − lr_t·m / (√v + 1e−7).
     */
    ADAM("m", "v") {
        @Override
        public void update(FloatBuffer theta, Gradient g, FloatBuffer[] state, float learningRate, long step) {
            FloatBuffer grad = g.values();
            FloatBuffer m = state[0];
            FloatBuffer v = state[1];
            float lrT = (float) (learningRate * Math.sqrt(1.0 - Math.pow(ADAM_BETA2, step))
                    / (1.0 - Math.pow(ADAM_BETA1, step)));
            float oneMinusBeta1 = (float) (1.0 - ADAM_BETA1);
            float oneMinusBeta2 = (float) (1.0 - ADAM_BETA2);
            for (int i = 0, n = theta.limit(); i < n; i++) {
                float gi = grad.get(i);
                float mi = m.get(i) + oneMinusBeta1 * (gi - m.get(i));
                float vi = v.get(i) + oneMinusBeta2 * (gi * gi - v.get(i));
                m.put(i, mi);
                v.put(i, vi);
                theta.put(i, theta.get(i) - lrT * mi / ((float) Math.sqrt(vi) + ADAM_EPSILON));
            }
        }
    };

    public static final double MOMENTUM_MU = 0.9;
    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    static final float ADAM_EPSILON = 1e-7f;

    private final List<String> stateNames;

    OptimizerType(String... stateNames) {
        this.stateNames = List.of(stateNames);
    }

    @Override
    public List<String> stateNames() {
        return stateNames;
    }

    /** A fresh optimizer with this rule. */
    public Optimizer create(double learningRate) {
        return Optimizer.create(this, learningRate);
    }

    /** The name in JSON, the API and stored files ("sgd", "momentum", "adam"); Jackson reads it back by it too. */
    @JsonValue
    public String id() {
        return Names.of(this);
    }

    /**
     * The constant named {@code id}, in any case.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static OptimizerType of(String id) {
        return Names.parse(OptimizerType.class, id);
    }
}
