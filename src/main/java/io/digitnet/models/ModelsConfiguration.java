package io.digitnet.models;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code digitnet.models.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelsSettings.class)
public class ModelsConfiguration {
}
