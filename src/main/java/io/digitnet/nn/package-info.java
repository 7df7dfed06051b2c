/**
 * The neural network math, free of Spring: layers, the two-layer net, its parameters and gradients, the optimizers
 * ({@code optim}), the trainer and the float32 predictor, on ND4J. Owns no files; its only thread beyond ND4J's is a
 * run's {@code EpochEvaluator} (a daemon that ends with the run). May use nothing of digitnet; every other module may
 * use its top-level package. Of the libraries beyond ND4J it uses only Jackson's annotations, which give its enums
 * their lower-case JSON names ("sigmoid", "adam").
 *
 * <p>No {@code @ApplicationModule} here: Spring Modulith finds {@code nn} as a module from its place under
 * {@code io.digitnet} alone, and {@code NnIsFreeOfSpringTests} fails the build when anything in {@code nn} refers to
 * {@code org.springframework}.
 */
package io.digitnet.nn;
