/**
 * The neural network math, free of Spring: layers, the two-layer net, its parameters and gradients, the optimizers
 * ({@code optim}), the trainer and the float32 predictor, on ND4J. Owns no files and no threads of its own beyond
 * ND4J's. May use nothing of digitnet; every other module may use it, sub-packages included (an open module).
 */
@ApplicationModule(displayName = "Neural network math", type = ApplicationModule.Type.OPEN)
package io.digitnet.nn;

import org.springframework.modulith.ApplicationModule;
