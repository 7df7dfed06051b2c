package io.digitnet.nn;

/** Thrown by {@link Trainer} when its cancellation signal was raised; checked between iterations. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException(long iteration) {
        super("training cancelled after iteration " + iteration);
    }
}
