package io.backstop.localkafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker's configuration: one node that is both broker and controller, listening on loopback
 * only, with replication settings a single node can satisfy (transaction state log RF 1, min ISR 1)
 * and topic auto-creation off, since every topic is created with its settings by {@link
 * TopicSetup}. Without an admin password the listeners are plain (the default local stack). With
 * one, every connection authenticates: clients and the broker itself with SASL/SCRAM on the client
 * listener, the broker to its controller with SASL/PLAIN (SCRAM credentials live in the metadata
 * the controller serves, so they cannot guard it). The standard authorizer allows nothing that no
 * ACL allows; {@value BrokerCredentials#ADMIN} is the one super user. The file this is written to
 * holds the admin password and is kept owner-only.
 */
record BrokerConfig(Path logDir, int port, int controllerPort, String adminPassword) {

  static final int NODE_ID = 1;

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public String toString() {
    return "BrokerConfig[" + logDir + ", port " + port + ", controller " + controllerPort + "]";
  }

  /** Whether clients must authenticate (SASL/SCRAM) and the standard authorizer applies. */
  boolean authenticated() {
    return adminPassword != null;
  }

  Properties properties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    if (authenticated()) {
      authentication(p);
    } else {
      p.setProperty(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      p.setProperty("controller.listener.names", "CONTROLLER");
      p.setProperty("inter.broker.listener.name", "PLAINTEXT");
      p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    }
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  private void authentication(Properties p) {
    p.setProperty(
        "listeners",
        "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
    p.setProperty(
        "listener.security.protocol.map",
        "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    p.setProperty(
        "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + BrokerCredentials.ADMIN
            + "\" password=\""
            + adminPassword
            + "\";");
    p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
    p.setProperty(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + BrokerCredentials.ADMIN
            + "\" password=\""
            + adminPassword
            + "\" user_"
            + BrokerCredentials.ADMIN
            + "=\""
            + adminPassword
            + "\";");
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("super.users", "User:" + BrokerCredentials.ADMIN);
    p.setProperty("allow.everyone.if.no.acl.found", "false");
  }
}
