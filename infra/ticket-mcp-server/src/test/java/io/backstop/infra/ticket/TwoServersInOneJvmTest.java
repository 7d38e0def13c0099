package io.backstop.infra.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack runs the ticket server in the same JVM as the services' embedded Tomcats, and a
 * test JVM starts one stack after another. Tomcat's JMX registry names a context's class loader by
 * host and path only, so two servers at "/" in one JVM collided ({@code InstanceAlreadyExists}) and
 * the second stack failed to start. The ticket server keeps Tomcat's MBeans out of the platform
 * server, as Spring Boot does for its own.
 */
class TwoServersInOneJvmTest {

  @Test
  void twoServersRunSideBySideAndRegisterNoTomcatMBeans(@TempDir Path one, @TempDir Path two)
      throws Exception {
    try (TicketMcpServer first = TicketMcpServer.start(0, one, "t1", List.of());
        TicketMcpServer second = TicketMcpServer.start(0, two, "t2", List.of())) {
      assertThat(first.url()).isNotEqualTo(second.url());
      assertThat(
              ManagementFactory.getPlatformMBeanServer()
                  .queryNames(new ObjectName("*:type=ParallelWebappClassLoader,*"), null))
          .isEmpty();
    }
  }

  @Test
  void aServerStartsAgainAfterOneStopped(@TempDir Path one, @TempDir Path two) {
    TicketMcpServer.start(0, one, "t1", List.of()).close();
    try (TicketMcpServer again = TicketMcpServer.start(0, two, "t2", List.of())) {
      assertThat(again.url().getPort()).isPositive();
    }
  }
}
