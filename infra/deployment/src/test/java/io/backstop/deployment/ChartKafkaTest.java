package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.TopicSpec;
import io.backstop.events.Topics;
import io.backstop.events.access.ServicePrincipal;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kafka from the chart (Strimzi): one SCRAM KafkaUser per service whose ACLs are exactly what
 * {@link ServicePrincipal} grants (the table the local broker's ACLs come from), every topic of
 * {@link Topics#all()} as a KafkaTopic with its settings, and each service logging in as its user.
 */
class ChartKafkaTest {

  static final List<HasMetadata> OBJECTS = Chart.render("strimzi.yaml");

  @Test
  void everyKindButStrimzisParsesAsATypedModelObject() {
    assertThat(OBJECTS)
        .filteredOn(o -> !Chart.typed(o))
        .extracting(HasMetadata::getKind)
        .containsOnly("Kafka", "KafkaNodePool", "KafkaUser", "KafkaTopic");
    assertThat(Chart.generic(OBJECTS, "Kafka")).singleElement();
  }

  @Test
  void eachServicesKafkaUserHoldsExactlyThePrincipalsTablesAcls() {
    List<GenericKubernetesResource> users = Chart.generic(OBJECTS, "KafkaUser");
    assertThat(users).hasSize(ServicePrincipal.values().length);
    for (ServicePrincipal p : ServicePrincipal.values()) {
      GenericKubernetesResource user =
          users.stream()
              .filter(u -> u.getMetadata().getName().equals(p.user()))
              .findFirst()
              .orElseThrow();
      Map<String, Object> spec = spec(user);
      assertThat(path(spec, "authentication", "type")).isEqualTo("scram-sha-512");
      Set<String> reads = new HashSet<>();
      Set<String> writes = new HashSet<>();
      Set<String> other = new HashSet<>();
      for (Map<String, Object> acl : acls(spec)) {
        String type = (String) path(acl, "resource", "type");
        String name = (String) path(acl, "resource", "name");
        @SuppressWarnings("unchecked")
        List<String> ops = (List<String>) acl.get("operations");
        if (type.equals("topic") && ops.equals(List.of("Read"))) {
          reads.add(name);
        } else if (type.equals("topic") && ops.equals(List.of("Write"))) {
          writes.add(name);
        } else {
          other.add(type + ":" + name + ":" + path(acl, "resource", "patternType") + ":" + ops);
        }
      }
      assertThat(reads).as(p.user()).isEqualTo(p.reads());
      assertThat(writes).as(p.user()).isEqualTo(p.writes());
      assertThat(other)
          .as(p.user())
          .containsExactlyInAnyOrder(
              "group:" + p.user() + ":literal:[Read]",
              "transactionalId:" + p.user() + ":prefix:[Write, Describe]");
    }
  }

  @Test
  void onlyTheGuardrailMayWriteTheActionsTopic() {
    assertThat(Chart.generic(OBJECTS, "KafkaUser"))
        .filteredOn(
            u ->
                acls(spec(u)).stream()
                    .anyMatch(
                        a ->
                            Topics.ACTIONS.equals(path(a, "resource", "name"))
                                && ((List<?>) a.get("operations")).contains("Write")))
        .extracting(u -> u.getMetadata().getName())
        .containsExactly("guardrail-service");
  }

  @Test
  void everyTopicIsAKafkaTopicWithItsPartitionsAndSettings() {
    List<GenericKubernetesResource> topics = Chart.generic(OBJECTS, "KafkaTopic");
    assertThat(topics).hasSize(Topics.all().size());
    for (TopicSpec t : Topics.all()) {
      Map<String, Object> spec =
          topics.stream()
              .map(ChartKafkaTest::spec)
              .filter(s -> t.name().equals(s.get("topicName")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no KafkaTopic for " + t.name()));
      assertThat(((Number) spec.get("partitions")).intValue()).isEqualTo(t.partitions());
      assertThat(spec.get("config")).isEqualTo(t.configs());
    }
  }

  @Test
  void theBrokerAuthenticatesWithScramOverTlsAndAuthorizesEveryPrincipal() {
    Map<String, Object> kafka = spec(Chart.generic(OBJECTS, "Kafka").get(0));
    assertThat(path(kafka, "kafka", "authorization", "type")).isEqualTo("simple");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listeners =
        (List<Map<String, Object>>) path(kafka, "kafka", "listeners");
    assertThat(listeners)
        .allSatisfy(l -> assertThat(l.get("tls")).isEqualTo(true))
        .allSatisfy(l -> assertThat(path(l, "authentication", "type")).isEqualTo("scram-sha-512"));
    assertThat(path(kafka, "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);
  }

  @Test
  void eachServiceLogsInAsItsKafkaUserWithTheOperatorsSecretAndTrustsTheClusterCa() {
    for (Deployment d : Chart.all(OBJECTS, Deployment.class)) {
      String user = ChartRenderTest.component(d) + "-service";
      assertThat(ChartRenderTest.env(d, "BACKSTOP_KAFKA_SASL_USERNAME")).contains(user);
      assertThat(ChartRenderTest.env(d, "SPRING_KAFKA_BOOTSTRAP_SERVERS"))
          .contains("backstop-kafka-kafka-bootstrap.backstop.svc:9093");
      var ref =
          ChartRenderTest.envVar(d, "BACKSTOP_KAFKA_SASL_PASSWORD")
              .orElseThrow()
              .getValueFrom()
              .getSecretKeyRef();
      assertThat(ref.getName()).isEqualTo(user);
      assertThat(ref.getKey()).isEqualTo("password");
      assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
          .filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getSecret().getSecretName())
          .contains("backstop-kafka-cluster-ca-cert");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> acls(Map<String, Object> spec) {
    return (List<Map<String, Object>>) path(spec, "authorization", "acls");
  }

  @SuppressWarnings("unchecked")
  static Object path(Map<String, Object> map, String... keys) {
    Object at = map;
    for (String k : keys) {
      at = ((Map<String, Object>) at).get(k);
    }
    return at;
  }
}
