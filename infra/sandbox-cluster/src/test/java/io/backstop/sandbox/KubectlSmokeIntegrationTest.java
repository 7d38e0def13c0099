package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** kubectl over HTTPS with written kubeconfigs; skipped (not failed) where kubectl is absent. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlSmokeIntegrationTest {

  @TempDir static Path dir;
  private static SandboxCluster sandbox;
  private static Path admin;
  private static Path readOnly;

  @BeforeAll
  static void start() {
    assumeTrue(kubectlInstalled(), "kubectl is not installed");
    sandbox = SandboxCluster.start(Specs.badDeploy(), SandboxOptions.fast());
    admin = sandbox.kubeconfig(dir, sandbox.tokens().admin());
    readOnly = sandbox.kubeconfig(dir, sandbox.tokens().readOnly());
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  @Order(1)
  void getListsTheDeploymentsOverHttps() {
    Result result = kubectl(readOnly, "get", "deployments", "-n", "shop", "-o", "name");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("deployment.apps/checkout").contains("deployment.apps/cart");
  }

  @Test
  @Order(1)
  void getPrintsTheColumnsKubectlShowsForPods() {
    Result result = kubectl(readOnly, "get", "pods", "-n", "shop", "-l", "app=checkout");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("READY", "STATUS", "RESTARTS")
        .contains("0/1")
        .contains("CrashLoopBackOff");
  }

  @Test
  @Order(2)
  void rolloutHistoryShowsEveryRevisionWithItsChangeCause() {
    Result result = kubectl(readOnly, "rollout", "history", "deployment/checkout", "-n", "shop");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("release 1.4.0")
        .contains("release 1.5.0")
        .contains("release 1.6.0");
  }

  @Test
  @Order(3)
  void logsHonourTail() {
    String pod =
        kubectl(readOnly, "get", "pods", "-n", "shop", "-l", "app=cart", "-o", "name")
            .out()
            .lines()
            .findFirst()
            .orElseThrow();

    Result result = kubectl(readOnly, "logs", pod, "-n", "shop", "--tail=2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).hasSize(2);
  }

  @Test
  @Order(4)
  void readOnlyKubeconfigCannotDelete() {
    Result result = kubectl(readOnly, "delete", "deployment/cart", "-n", "shop");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("Forbidden");
  }

  @Test
  @Order(5)
  void rolloutUndoToAnExplicitRevisionRecovers() {
    Result undo =
        kubectl(admin, "rollout", "undo", "deployment/checkout", "--to-revision=2", "-n", "shop");
    Result status =
        kubectl(admin, "rollout", "status", "deployment/checkout", "-n", "shop", "--timeout=30s");
    Result history = kubectl(admin, "rollout", "history", "deployment/checkout", "-n", "shop");

    assertThat(undo.exitCode()).as(undo.toString()).isZero();
    assertThat(status.out()).contains("successfully rolled out");
    assertThat(history.out()).containsPattern("(?m)^4\\s+release 1.5.0");
    assertThat(sandbox.snapshot().deployment("shop", "checkout").orElseThrow().gitSha())
        .isEqualTo(Specs.GOOD_SHA);
  }

  private static Result kubectl(Path kubeconfig, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                dir.resolve("cache").toString(),
                "--request-timeout=20s"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl timed out: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static boolean kubectlInstalled() {
    try {
      Process process =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private record Result(int exitCode, String out, String err) {}
}
