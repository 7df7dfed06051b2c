package io.digitnet.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a bean of the single-process file mode, the default ({@code digitnet.mode=file} or unset): local files, an
 * in-memory queue, no database.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "digitnet.mode", havingValue = "file", matchIfMissing = true)
public @interface FileMode {
}
