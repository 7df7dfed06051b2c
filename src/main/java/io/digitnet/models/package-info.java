/**
 * The stored models: the {@code ModelStore} port and its adapters (weights.npz + model.json, atomic and
 * checksummed), aliases, import, evaluation on a test set, the registry that resolves ids and aliases, and the
 * loaded-model cache. Owns {@code <data-dir>/models}. May use {@code nn}, {@code npy}, {@code files},
 * {@code datasets}, {@code system} and {@code cluster} (LISTEN/NOTIFY for its PostgreSQL adapters); {@code web} only from its {@code web} sub-package. Used by training (to
 * store a finished job's model) and inference.
 */
@ApplicationModule(displayName = "Models")
package io.digitnet.models;

import org.springframework.modulith.ApplicationModule;
