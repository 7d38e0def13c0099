package io.backstop.escalation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The escalation-service application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EscalationApplication {

  public static void main(String[] args) {
    SpringApplication.run(EscalationApplication.class, args);
  }
}
