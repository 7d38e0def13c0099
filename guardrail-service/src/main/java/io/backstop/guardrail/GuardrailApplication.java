package io.backstop.guardrail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The guardrail-service application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GuardrailApplication {

  public static void main(String[] args) {
    SpringApplication.run(GuardrailApplication.class, args);
  }
}
