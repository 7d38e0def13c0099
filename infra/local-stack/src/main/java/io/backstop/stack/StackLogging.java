package io.backstop.stack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Logging for the one-JVM stack: each service's own loggers ({@code io.backstop.<service>}) write
 * to {@code logs/<service>.log}; everything else (Kafka, Spring, the simulators) to {@code
 * logs/stack.log}. Spring Boot's own logging setup is switched off, since five contexts would
 * otherwise each reconfigure the one logback of the JVM.
 */
public final class StackLogging {

  private static final List<String> SERVICES =
      List.of("triage", "diagnosis", "guardrail", "executor", "escalation");

  private StackLogging() {}

  public static void configure(Path logs) {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(file(context, logs.resolve("stack.log")));
    context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    context.getLogger("kafka").setLevel(Level.WARN);
    context.getLogger("org.apache.kafka.clients.consumer").setLevel(Level.ERROR);
    for (String service : SERVICES) {
      Logger logger = context.getLogger("io.backstop." + service);
      logger.setAdditive(false);
      logger.addAppender(file(context, logs.resolve(service + "-service.log")));
    }
  }

  private static FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file(
      LoggerContext context, Path path) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName(path.getFileName().toString());
    appender.setFile(path.toString());
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
