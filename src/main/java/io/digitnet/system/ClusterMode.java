package io.digitnet.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a bean of the shared mode ({@code digitnet.mode=cluster}, environment {@code DIGITNET_MODE}): several
 * instances share jobs, checkpoints, models and aliases through PostgreSQL and run jobs through JobRunr.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "digitnet.mode", havingValue = "cluster")
public @interface ClusterMode {
}
