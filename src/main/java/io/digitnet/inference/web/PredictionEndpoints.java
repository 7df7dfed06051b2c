package io.digitnet.inference.web;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.web.EndpointGroup;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the web layer needs to know about the prediction endpoints: their JSON bodies may be as large as
 * {@code digitnet.inference.max-request-size} (a full batch), and their POSTs only compute, so they need the API key
 * only with {@code digitnet.security.protect-predict}.
 */
@Configuration(proxyBeanMethods = false)
class PredictionEndpoints {

    @Bean
    EndpointGroup predictionEndpointGroup(InferenceSettings settings) {
        return new EndpointGroup("predictions", List.of("/predict", "/v2"), settings.maxRequestSize(),
                "digitnet.inference.max-request-size", false);
    }
}
