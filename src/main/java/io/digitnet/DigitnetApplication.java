package io.digitnet;

import io.digitnet.nn.BlasKernels;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
// each package under io.digitnet is a module (see its package-info.java); ModularityTests verifies the boundaries
@Modulithic(systemName = "digitnet", sharedModules = {"files", "npy", "system"})
public class DigitnetApplication {

    public static void main(String[] args) {
        BlasKernels.select(); // before anything loads ND4J's OpenBLAS
        SpringApplication.run(DigitnetApplication.class, args);
    }
}
