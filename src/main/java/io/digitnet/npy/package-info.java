/**
 * numpy's file formats: {@code .npy} arrays and {@code .npz} zips of them, read as numpy writes them and written byte
 * for byte as {@code np.savez} does. Neutral: used by models (weights.npz) and training (checkpoints). May use
 * nothing of digitnet but ND4J's arrays; knows nothing of models, Spring or HTTP.
 */
@ApplicationModule(displayName = "numpy formats", type = ApplicationModule.Type.OPEN)
package io.digitnet.npy;

import org.springframework.modulith.ApplicationModule;
