/**
 * What the instances of cluster mode ({@code digitnet.mode=cluster}) share beyond one feature: PostgreSQL's
 * LISTEN/NOTIFY between instances ({@code ClusterNotifications}, used by the models, training and sweeps adapters), the 503
 * answer while the database is away, and the cluster-wide job counts. The PostgreSQL and JobRunr adapters themselves
 * live in the package of the feature they serve. May use {@code system}; knows no feature.
 */
@ApplicationModule(displayName = "Cluster")
package io.digitnet.cluster;

import org.springframework.modulith.ApplicationModule;
