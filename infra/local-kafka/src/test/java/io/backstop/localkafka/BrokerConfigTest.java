package io.backstop.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  private final BrokerConfig config =
      new BrokerConfig(Path.of("/data/kafka"), 9092, 19093, "s3cret-admin");

  @Test
  void oneNodeIsBrokerAndControllerOnLoopbackOnly() {
    var p = config.properties();

    assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    assertThat(p.getProperty("listeners"))
        .isEqualTo("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:19093");
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void withoutAnAdminPasswordTheListenersArePlainAndNothingIsAuthorized() {
    var plain = new BrokerConfig(Path.of("/data/kafka"), 9092, 19093, null).properties();

    assertThat(plain.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:19093");
    assertThat(plain.getProperty("authorizer.class.name")).isNull();
  }

  @Test
  void everyListenerAuthenticatesAndOnlyTheAdminIsASuperUser() {
    var p = config.properties();

    assertThat(p.getProperty("listener.security.protocol.map"))
        .isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    assertThat(p.getProperty("authorizer.class.name"))
        .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    assertThat(p.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
    assertThat(p.getProperty("super.users")).isEqualTo("User:backstop-admin");
    assertThat(config.toString()).doesNotContain("s3cret-admin");
  }

  @Test
  void transactionsWorkOnASingleNodeAndTopicsAreNeverAutoCreated() {
    var p = config.properties();

    assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
    assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("false");
  }
}
