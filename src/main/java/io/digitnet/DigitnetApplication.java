package io.digitnet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DigitnetApplication {

    public static void main(String[] args) {
        SpringApplication.run(DigitnetApplication.class, args);
    }
}
