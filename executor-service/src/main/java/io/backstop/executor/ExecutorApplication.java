package io.backstop.executor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The executor-service application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExecutorApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExecutorApplication.class, args);
  }
}
