package io.digitnet.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The math depends on no framework: nothing in {@code io.digitnet.nn} (sub-packages and package-info included) refers
 * to a class of {@code org.springframework}, nor to another digitnet module.
 */
class NnIsFreeOfSpringTests {

    private static final JavaClasses NN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.digitnet.nn");

    @Test
    void theMathIsImported() {
        assertThat(NN.contain(TwoLayerNet.class)).isTrue();
        assertThat(NN.stream().anyMatch(c -> c.getPackageName().equals("io.digitnet.nn.optim"))).isTrue();
    }

    @Test
    void nothingInNnRefersToSpring() {
        assertThat(dependenciesOn(d -> d.getTargetClass().getPackageName().startsWith("org.springframework")))
                .isEmpty();
        assertThat(NN.stream().flatMap(c -> c.getPackage().getAnnotations().stream())
                .map(a -> a.getRawType().getName()).filter(n -> n.startsWith("org.springframework")).toList())
                .as("annotations on the nn packages").isEmpty();
    }

    @Test
    void nnUsesNoOtherDigitnetModule() {
        assertThat(dependenciesOn(d -> d.getTargetClass().getPackageName().startsWith("io.digitnet.")
                && !d.getTargetClass().getPackageName().startsWith("io.digitnet.nn"))).isEmpty();
    }

    private static List<String> dependenciesOn(java.util.function.Predicate<Dependency> target) {
        return NN.stream().flatMap(c -> c.getDirectDependenciesFromSelf().stream()).filter(target)
                .map(Dependency::getDescription).toList();
    }
}
