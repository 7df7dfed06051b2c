package io.digitnet.models;

/**
 * What a user says about a {@code weights.npz} they import; every field is optional.
 *
 * @param name       a human-readable name
 * @param activation the hidden layer's activation, {@code sigmoid} (default) or {@code relu}
 * @param dataset    the dataset the weights were trained on (enables {@code /evaluation}), e.g. {@code mnist}
 */
public record ModelImport(String name, String activation, String dataset) {
}
