package io.digitnet.models;

import io.digitnet.npy.NumpyBytes;

import io.digitnet.nn.Parameters;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small networks with known, seeded weights for tests: W1 [784, h], b1 [h], W2 [h, 10], b2 [10]. */
public final class TestNetworks {

    private TestNetworks() {
    }

    /** Each array's values, row-major, drawn from N(0, 0.1²) with the seed. */
    public static float[][] values(int hidden, long seed) {
        Random random = new Random(seed);
        int[] sizes = {784 * hidden, hidden, hidden * 10, 10};
        float[][] values = new float[4][];
        for (int a = 0; a < 4; a++) {
            values[a] = new float[sizes[a]];
            for (int i = 0; i < sizes[a]; i++) {
                values[a][i] = (float) (random.nextGaussian() * 0.1);
            }
        }
        return values;
    }

    public static Parameters parameters(int hidden, long seed) {
        float[][] v = values(hidden, seed);
        return Parameters.of(array(v[0], 784, hidden), array(v[1], hidden), array(v[2], hidden, 10), array(v[3], 10));
    }

    /** The .npz numpy's {@code np.savez(f, W1=.., b1=.., W2=.., b2=..)} writes for these weights (float32). */
    public static byte[] npz(int hidden, long seed) {
        float[][] v = values(hidden, seed);
        return NumpyBytes.savez(NumpyBytes.entries(
                "W1", NumpyBytes.npyFloat32("(784, " + hidden + ")", false, v[0]),
                "b1", NumpyBytes.npyFloat32("(" + hidden + ",)", false, v[1]),
                "W2", NumpyBytes.npyFloat32("(" + hidden + ", 10)", false, v[2]),
                "b2", NumpyBytes.npyFloat32("(10,)", false, v[3])));
    }

    private static INDArray array(float[] values, long... shape) {
        return Nd4j.create(values, shape, 'c');
    }
}
