package io.backstop.stack.services;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Starts a service as its own Spring context in this JVM: its own config (through {@link
 * OwnConfigClassLoader}), its own properties, its own embedded server. Fast on small machines; the
 * separate-process launcher runs the same services as production does.
 */
public final class InProcessServiceLauncher {

  public RunningService start(ServiceSpec spec) {
    Class<?> application = load(spec.applicationClass());
    URL codeSource = application.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader own = new OwnConfigClassLoader(application.getClassLoader(), codeSource);
    SpringApplication app = new SpringApplication(new DefaultResourceLoader(own), application);
    app.setWebApplicationType(WebApplicationType.SERVLET);
    app.setRegisterShutdownHook(false);
    app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
    Map<String, String> arguments = new HashMap<>(spec.properties());
    arguments.put("server.port", String.valueOf(spec.port()));
    // As command-line arguments, these outrank the service's own application.yml.
    ConfigurableApplicationContext context =
        app.run(
            arguments.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    return new Context(spec.name(), spec.port(), context);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("service application class not on the classpath: " + name, e);
    }
  }

  private record Context(String name, int port, ConfigurableApplicationContext context)
      implements RunningService {
    @Override
    public void close() {
      context.close();
    }
  }
}
