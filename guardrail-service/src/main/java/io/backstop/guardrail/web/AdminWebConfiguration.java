package io.backstop.guardrail.web;

import io.backstop.guardrail.GuardrailProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the admin token check in front of every breaker endpoint. */
@Configuration(proxyBeanMethods = false)
public class AdminWebConfiguration implements WebMvcConfigurer {

  private final GuardrailProperties properties;

  public AdminWebConfiguration(GuardrailProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new AdminTokenInterceptor(properties))
        .addPathPatterns("/api/v1/breakers", "/api/v1/breakers/**");
  }
}
