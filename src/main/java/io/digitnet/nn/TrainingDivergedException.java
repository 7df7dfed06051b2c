package io.digitnet.nn;

/** The loss became NaN or infinite: the weights are lost, training cannot go on (usually a too large learning rate). */
public class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final long iteration;

    public TrainingDivergedException(int epoch, long iteration) {
        super("diverged at epoch " + epoch + ", iteration " + iteration + " (the loss is not a finite number); "
                + "try a smaller learningRate");
        this.epoch = epoch;
        this.iteration = iteration;
    }

    public int epoch() {
        return epoch;
    }

    public long iteration() {
        return iteration;
    }
}
