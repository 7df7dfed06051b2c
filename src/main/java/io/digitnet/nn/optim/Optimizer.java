package io.digitnet.nn.optim;

import io.digitnet.nn.NativeArrays;
import io.digitnet.nn.Parameters;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An {@link UpdateRule} with its learning rate and its state (velocities, moments), as tribuo keeps optimizers apart
 * from the parameters.
 *
 * <p>Lifecycle: created per training run; {@link #update} is called once per mini-batch with float32 parameters and
 * their gradients (the state is allocated on the first call, zeros shaped like the parameters); {@link #state} and
 * {@link #step} are saved in a checkpoint and handed back to {@link #restore} on a fresh optimizer to continue
 * exactly. Not thread-safe.
 */
public final class Optimizer {

    private final UpdateRule rule;
    private final float learningRate;
    private final List<OptimizerState> states = new ArrayList<>(); // one per state name
    private Map<String, FloatBuffer[]> views;                       // parameter name → its state buffers
    private Parameters viewed;                                      // the parameters behind thetas
    private Map<String, FloatBuffer> thetas;                        // parameter name → its entries
    private long step;

    private Optimizer(UpdateRule rule, double learningRate) {
        this.rule = rule;
        this.learningRate = (float) learningRate;
        rule.stateNames().forEach(name -> states.add(new OptimizerState(name)));
    }

    public static Optimizer create(UpdateRule rule, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        return new Optimizer(rule, learningRate);
    }

    public UpdateRule rule() {
        return rule;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Updates {@code parameters} in place from gradients held as arrays of the same shapes. */
    public void update(Parameters parameters, Parameters gradients) {
        Map<String, INDArray> g = gradients.asMap();
        Map<String, Gradient> bound = new LinkedHashMap<>();
        parameters.asMap().forEach((name, p) -> bound.put(name, Gradient.of(p, g.get(name))));
        update(parameters, bound);
        Reference.reachabilityFence(gradients);
    }

    /** Updates {@code parameters} in place; {@code gradients} has one gradient per parameter name, bound to it. */
    public void update(Parameters parameters, Map<String, Gradient> gradients) {
        if (views == null) {
            states.forEach(s -> s.allocate(parameters));
            views = viewsOf(states);
        }
        if (viewed != parameters) {
            thetas = new LinkedHashMap<>();
            parameters.asMap().forEach((name, p) -> thetas.put(name, NativeArrays.floats(p)));
            viewed = parameters;
        }
        step++;
        for (Map.Entry<String, FloatBuffer> theta : thetas.entrySet()) {
            rule.update(theta.getValue(), gradients.get(theta.getKey()), views.get(theta.getKey()), learningRate,
                    step);
        }
        Reference.reachabilityFence(parameters); // the rule ran on views of these arrays
    }

    /** Updates applied so far (Adam's t). */
    public long step() {
        return step;
    }

    /** Copies of the state arrays by name, e.g. {@code v.W1}; empty for SGD or before the first update. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        states.forEach(s -> s.exportTo(state));
        return state;
    }

    /** Replaces the state with copies of the given arrays (as returned by {@link #state}) and the step counter. */
    public void restore(Map<String, INDArray> state, long step) {
        states.forEach(s -> s.importFrom(state));
        boolean any = states.stream().anyMatch(s -> !s.isEmpty());
        if (any && states.stream().anyMatch(OptimizerState::isEmpty)) {
            throw new IllegalArgumentException("optimizer state is incomplete: " + state.keySet());
        }
        views = any ? viewsOf(states) : null;
        this.step = step;
    }

    private static Map<String, FloatBuffer[]> viewsOf(List<OptimizerState> states) {
        Map<String, FloatBuffer[]> views = new LinkedHashMap<>();
        for (String name : Parameters.NAMES) {
            FloatBuffer[] buffers = new FloatBuffer[states.size()];
            for (int k = 0; k < buffers.length; k++) {
                buffers[k] = NativeArrays.floats(states.get(k).get(name));
            }
            views.put(name, buffers);
        }
        return views;
    }
}
