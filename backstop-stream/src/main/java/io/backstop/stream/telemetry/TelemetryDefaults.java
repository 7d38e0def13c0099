package io.backstop.stream.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Management defaults every service shares, at the lowest precedence: {@code /actuator/prometheus}
 * exposed beside health and info (nothing else over the web), every meter tagged with the service
 * ({@code application}), and the binder's consumer-lag gauge ({@code
 * spring_cloud_stream_binder_kafka_offset}) kept on.
 */
public final class TelemetryDefaults implements EnvironmentPostProcessor {

  public static final String SOURCE_NAME = "backstopTelemetryDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
    if (env.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
  }

  static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("management.endpoints.web.exposure.include", "health,info,prometheus");
    p.put("management.metrics.tags.application", "${spring.application.name:backstop}");
    p.put("management.prometheus.metrics.export.enabled", "true");
    return p;
  }
}
