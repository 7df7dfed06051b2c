package io.digitnet.inference;

import io.digitnet.nn.Parameters;

/**
 * The forward pass written out with plain loops in double precision: the yardstick that served probabilities are
 * compared with. softmax(act(x·W1 + b1)·W2 + b2), the row maximum subtracted before exp.
 */
public final class ReferenceNet {

    private final double[][] w1; // [784][H]
    private final double[] b1;   // [H]
    private final double[][] w2; // [H][10]
    private final double[] b2;   // [10]
    private final boolean relu;

    public ReferenceNet(Parameters p, String activation) {
        this.w1 = toDouble(p.w1().toFloatMatrix());
        this.b1 = toDouble(p.b1().toFloatVector());
        this.w2 = toDouble(p.w2().toFloatMatrix());
        this.b2 = toDouble(p.b2().toFloatVector());
        this.relu = activation.equals("relu");
    }

    /** @param x [784] */
    public double[] probabilities(float[] x) {
        int hidden = b1.length;
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double sum = b1[j];
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * w1[i][j];
            }
            h[j] = relu ? Math.max(0, sum) : 1 / (1 + Math.exp(-sum));
        }
        double[] z = new double[b2.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            double sum = b2[k];
            for (int j = 0; j < hidden; j++) {
                sum += h[j] * w2[j][k];
            }
            z[k] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            total += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= total;
        }
        return z;
    }

    public static int argMax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double[][] toDouble(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = toDouble(m[i]);
        }
        return d;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
