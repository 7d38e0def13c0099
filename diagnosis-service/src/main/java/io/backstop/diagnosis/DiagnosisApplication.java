package io.backstop.diagnosis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The diagnosis-service application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DiagnosisApplication {

  public static void main(String[] args) {
    SpringApplication.run(DiagnosisApplication.class, args);
  }
}
