package io.digitnet.datasets.web;

import io.digitnet.datasets.DatasetUploadSettings;
import io.digitnet.web.EndpointGroup;
import io.digitnet.web.LimitSettings;
import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * What the web layer needs to know about {@code /datasets}: uploads may be as large as
 * {@code digitnet.datasets.uploads.max-bytes} (200 MB), and POST/DELETE change state (API key).
 *
 * <p>{@code /datasets} (exactly: the upload) is served by a dispatcher of its own over the same application context,
 * so that the servlet container's multipart limit there is that size, while every other upload keeps
 * {@code spring.servlet.multipart.*} (16 MB), chunked bodies included. The web layer receives an upload's body
 * before this servlet sees it, spooled to a file under {@code digitnet.limits.upload-timeout}, and parses its parts
 * with this same limit; the container's own multipart handling here is the fallback.
 */
@Configuration(proxyBeanMethods = false)
class DatasetEndpoints {

    static final String MAX_BYTES = "digitnet.datasets.uploads.max-bytes";

    @Bean
    EndpointGroup datasetEndpointGroup(DatasetUploadSettings uploads, LimitSettings limits) {
        return new EndpointGroup("datasets", List.of("/datasets"), limits.bodySize(), "digitnet.limits.body-size",
                true, uploads.maxBytes(), MAX_BYTES);
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    ServletRegistrationBean<DispatcherServlet> datasetUploadDispatcher(WebApplicationContext context,
                                                                       DatasetUploadSettings uploads) {
        ServletRegistrationBean<DispatcherServlet> registration =
                new ServletRegistrationBean<>(new DispatcherServlet(context), "/datasets");
        registration.setName("datasetUploads");
        registration.setLoadOnStartup(1);
        long max = uploads.maxBytes().toBytes();
        registration.setMultipartConfig(new MultipartConfigElement(null, max, max, 0));
        return registration;
    }
}
