package io.digitnet.nn.optim;

import io.digitnet.nn.NativeArrays;
import io.digitnet.nn.Parameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-parameter state arrays of one kind (e.g. the velocities "v"), shaped like the parameters, float32. */
final class OptimizerState {

    private final String prefix;
    private Map<String, INDArray> arrays; // by parameter name; null until the first update

    OptimizerState(String prefix) {
        this.prefix = prefix;
    }

    boolean isEmpty() {
        return arrays == null;
    }

    /** Zeros shaped like the parameters, on first use. */
    void allocate(Parameters like) {
        if (arrays == null) {
            arrays = new LinkedHashMap<>();
            like.asMap().forEach((name, p) -> arrays.put(name, p.ulike().assign(0)));
        }
    }

    INDArray get(String name) {
        return arrays.get(name);
    }

    void exportTo(Map<String, INDArray> out) {
        if (arrays != null) {
            arrays.forEach((name, a) -> out.put(prefix + "." + name, a.dup('c')));
        }
    }

    void importFrom(Map<String, INDArray> in) {
        Map<String, INDArray> restored = new LinkedHashMap<>();
        for (String name : Parameters.NAMES) {
            INDArray a = in.get(prefix + "." + name);
            if (a != null) {
                restored.put(name, NativeArrays.denseFloat(a.castTo(DataType.FLOAT)).dup('c'));
            }
        }
        if (restored.isEmpty()) {
            arrays = null;
        } else if (restored.size() == Parameters.NAMES.size()) {
            arrays = restored;
        } else {
            throw new IllegalArgumentException("optimizer state " + prefix + " is incomplete: " + in.keySet());
        }
    }
}
