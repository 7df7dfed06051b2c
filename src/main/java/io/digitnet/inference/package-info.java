/**
 * Prediction: input validation and preprocessing (784 pixels or an uploaded image), float32 predictors of stored
 * models, {@code /predict} and the Open Inference Protocol V2. Owns no files. May use {@code nn} and {@code models};
 * {@code web} only from its {@code web} and {@code grpc} (the V2 protocol over gRPC) sub-packages. Nothing depends
 * on inference.
 */
@ApplicationModule(displayName = "Inference")
package io.digitnet.inference;

import org.springframework.modulith.ApplicationModule;
