package io.digitnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries, kept by the build: every top-level package under {@code io.digitnet} is a module (its
 * {@code package-info.java} says what it owns and what it may use), dependencies form no cycle, and a module reaches
 * into another only through that module's top-level package (or a module declared open, such as {@code nn}).
 * Also writes the module documentation (PlantUML diagrams and a canvas per module) to
 * {@code target/spring-modulith-docs}.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(DigitnetApplication.class);

    @Test
    void theModulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        assertThat(Path.of("target", "spring-modulith-docs", "components.puml")).exists();
    }
}
