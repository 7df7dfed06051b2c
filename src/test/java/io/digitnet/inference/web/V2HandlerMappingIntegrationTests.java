package io.digitnet.inference.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** The V2 endpoints are found by their own handler mapping, asked before the main one, which knows only them. */
class V2HandlerMappingIntegrationTests extends InferenceTestContext {

    @Autowired
    @Qualifier("v2RequestMappingHandlerMapping")
    RequestMappingHandlerMapping v2;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping main;

    @Autowired
    DispatcherServlet dispatcher;

    @Test
    void knowsOnlyTheV2HandlersAndIsAskedBeforeTheMainMapping() {
        assertThat(v2.getHandlerMethods().values()).isNotEmpty()
                .allMatch(handler -> handler.getBeanType() == V2Controller.class);
        assertThat(http.get("/v2/health/live").status()).isEqualTo(200); // the servlet finds its mappings on first use
        List<HandlerMapping> mappings = dispatcher.getHandlerMappings();
        assertThat(mappings).contains(v2, main);
        assertThat(mappings.indexOf(v2)).isLessThan(mappings.indexOf(main));
    }

    @Test
    void findsTheInferHandlerWithItsPatternAndVariables() throws Exception {
        MockHttpServletRequest request = request("POST", "/v2/models/latest/versions/m-1/infer");
        HandlerExecutionChain chain = v2.getHandler(request);
        assertThat(chain).isNotNull();
        assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("infer");
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE).toString())
                .isEqualTo("/v2/models/{name}/versions/{version}/infer");
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE).toString())
                .contains("name=latest", "version=m-1");
    }

    @Test
    void leavesOtherPathsToTheMainMapping() throws Exception {
        assertThat(v2.getHandler(request("POST", "/predict"))).isNull();
        assertThat(v2.getHandler(request("GET", "/models"))).isNull();
        assertThat(main.getHandler(request("POST", "/predict"))).isNotNull();
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }
}
