package io.digitnet.nn;

/**
 * Stop when the validation loss has not improved by more than {@code minDelta} for {@code patience} epochs;
 * the best weights are kept.
 */
public record EarlyStopping(int patience, double minDelta) {
}
