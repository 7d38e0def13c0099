package io.backstop.executor.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.backstop.events.fixtures.Signals;
import io.backstop.executor.ExecutorProperties;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server speaking Prometheus' query API. */
class PrometheusErrorSignalTest {

  HttpServer server;
  final AtomicReference<String> answer = new AtomicReference<>();
  final AtomicReference<String> lastQuery = new AtomicReference<>();
  PrometheusErrorSignal signal;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          lastQuery.set(
              URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
          byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    signal =
        new PrometheusErrorSignal(
            new ExecutorProperties.Prometheus(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                null,
                0.05,
                Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsTheErrorRatioOfTheWorkloadWithTheConfiguredQuery() {
    answer.set(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{},\"value\":[1732442400.0,\"0.012\"]}]}}");

    assertThat(signal.errorRatio(Signals.CHECKOUT)).isEqualTo(0.012);
    assertThat(lastQuery.get()).contains("namespace=\"shop\"").contains("deployment=\"checkout\"");
  }

  @Test
  void anEmptyResultOrNoTrafficIsUnknownNeverRecovered() {
    answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    assertThat(signal.errorRatio(Signals.CHECKOUT)).isNaN();

    answer.set(
        "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}]}}");
    assertThat(signal.errorRatio(Signals.CHECKOUT)).isNaN();
  }

  @Test
  void anUnreachablePrometheusIsUnknown() {
    server.stop(0);
    assertThat(signal.errorRatio(Signals.CHECKOUT)).isNaN();
  }
}
