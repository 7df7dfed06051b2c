package io.digitnet.datasets.web;

import io.digitnet.web.LimitSettings;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * {@code /datasets} (exactly: the upload) is served by a dispatcher of its own over the same application context,
 * so that its multipart limit can be {@code digitnet.limits.dataset-upload-size} (200 MB) while every other upload
 * keeps the servlet container's {@code spring.servlet.multipart.*} limit (16 MB), chunked bodies included. Parts are
 * written to disk as they arrive, never held in memory.
 */
@Configuration(proxyBeanMethods = false)
class DatasetUploadServlet {

    @Bean
    ServletRegistrationBean<DispatcherServlet> datasetUploadDispatcher(WebApplicationContext context,
                                                                       LimitSettings limits) {
        ServletRegistrationBean<DispatcherServlet> registration =
                new ServletRegistrationBean<>(new DispatcherServlet(context), "/datasets");
        registration.setName("datasetUploads");
        registration.setLoadOnStartup(1);
        long max = limits.datasetUploadSize().toBytes();
        registration.setMultipartConfig(new MultipartConfigElement(null, max, max, 0));
        return registration;
    }
}
