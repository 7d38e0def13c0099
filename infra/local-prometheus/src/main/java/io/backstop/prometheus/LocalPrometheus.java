package io.backstop.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts the Debian {@code prometheus} and {@code prometheus-alertmanager} binaries on 127.0.0.1
 * for the real alert path: Prometheus scrapes the given {@code /metrics} URLs and evaluates
 * Backstop's rules; Alertmanager (no HA gossip) sends what fires to triage's webhook. When either
 * binary is not installed it returns {@link Launch.Unavailable} instead of failing.
 */
public final class LocalPrometheus {

  public static final String INSTALL_HINT =
      "install the Debian packages prometheus and prometheus-alertmanager";

  private LocalPrometheus() {}

  /** Starts both and waits until each answers {@code /-/ready}. */
  public static Launch start(StackSettings settings) {
    return start(settings, Binaries.prometheus(), Binaries.alertmanager());
  }

  /** Starts the given binaries; an absent one makes the launch {@link Launch.Unavailable}. */
  public static Launch start(
      StackSettings settings, Optional<Path> prometheusBinary, Optional<Path> alertmanagerBinary) {
    if (prometheusBinary.isEmpty() || alertmanagerBinary.isEmpty()) {
      String missing = prometheusBinary.isEmpty() ? "prometheus" : "prometheus-alertmanager";
      return new Launch.Unavailable(missing + " is not on PATH or in /usr/bin: " + INSTALL_HINT);
    }
    try {
      var files = StackConfig.write(settings);
      return launch(settings, files, prometheusBinary.get(), alertmanagerBinary.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + settings.dataDirectory(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while starting Prometheus and Alertmanager", e);
    }
  }

  private static RunningStack launch(
      StackSettings settings,
      StackConfig.Files files,
      Path prometheusBinary,
      Path alertmanagerBinary)
      throws IOException, InterruptedException {
    Path data = settings.dataDirectory();
    var alertmanager =
        ManagedProcess.start(
            "alertmanager",
            alertmanagerCommand(alertmanagerBinary, settings, files, data),
            data.resolve("logs/alertmanager.log"));
    try {
      alertmanager.awaitReady(ready(settings.alertmanagerPort()), settings.readyTimeout());
      var prometheus =
          ManagedProcess.start(
              "prometheus",
              prometheusCommand(prometheusBinary, settings, files, data),
              data.resolve("logs/prometheus.log"));
      try {
        prometheus.awaitReady(ready(settings.prometheusPort()), settings.readyTimeout());
        return new RunningStack(prometheus, alertmanager, settings);
      } catch (RuntimeException | InterruptedException e) {
        prometheus.close();
        throw e;
      }
    } catch (RuntimeException | InterruptedException e) {
      alertmanager.close();
      throw e;
    }
  }

  static List<String> prometheusCommand(
      Path binary, StackSettings settings, StackConfig.Files files, Path data) throws IOException {
    Path tsdb = Files.createDirectories(data.resolve("prometheus"));
    return List.of(
        binary.toString(),
        "--config.file=" + files.prometheusConfig(),
        "--storage.tsdb.path=" + tsdb,
        "--storage.tsdb.retention.time=1d",
        "--web.listen-address=127.0.0.1:" + settings.prometheusPort(),
        "--log.level=warn");
  }

  static List<String> alertmanagerCommand(
      Path binary, StackSettings settings, StackConfig.Files files, Path data) throws IOException {
    Path storage = Files.createDirectories(data.resolve("alertmanager"));
    return List.of(
        binary.toString(),
        "--config.file=" + files.alertmanagerConfig(),
        "--storage.path=" + storage,
        "--web.listen-address=127.0.0.1:" + settings.alertmanagerPort(),
        "--cluster.listen-address=",
        "--log.level=warn");
  }

  private static URI ready(int port) {
    return URI.create("http://127.0.0.1:" + port + "/-/ready");
  }
}
