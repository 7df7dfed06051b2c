package io.digitnet.inference.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The V2 endpoints in a handler mapping of their own, asked before the application's main one. Spring MVC finds a
 * handler for a path with variables ({@code /v2/models/{name}/infer}) by testing every mapping of the application
 * in turn, which cost about a tenth of a binary V2 inference (its profile, at about 80 µs of CPU per request); here it
 * tests the few V2 mappings only. Paths outside {@code /v2} find no match here and go on to the main mapping. The
 * main mapping keeps the V2 handlers too (the API documentation reads both and merges them).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class V2HandlerMapping {

    @Bean
    RequestMappingHandlerMapping v2RequestMappingHandlerMapping(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping main) {
        RequestMappingHandlerMapping v2 = new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> beanType) {
                return V2Controller.class.isAssignableFrom(beanType);
            }
        };
        v2.setOrder(main.getOrder() - 1);
        v2.setPatternParser(main.getPatternParser());
        v2.setContentNegotiationManager(main.getContentNegotiationManager());
        return v2;
    }
}
