package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.MetadataKeys;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaMigrationsTest {

  static List<Arguments> initContainers() {
    return List.of(
        Arguments.of("flyway/flyway:10", List.of(), List.of("migrate"), "flyway"),
        Arguments.of("liquibase/liquibase:4.29", List.of(), List.of("update"), "liquibase"),
        Arguments.of(
            "registry.local/billing:c1df12",
            List.of("alembic", "upgrade", "head"),
            List.of(),
            "alembic"),
        Arguments.of("migrate/migrate:v4.17", List.of(), List.of("-path", "/m", "up"), "migrate"),
        Arguments.of(
            "registry.local/shop:1",
            List.of("bin/rails", "db:migrate"),
            List.of(),
            "rails db:migrate"),
        Arguments.of(
            "registry.local/web:1",
            List.of("npx", "prisma", "migrate", "deploy"),
            List.of(),
            "prisma migrate"),
        Arguments.of(
            "registry.local/api:1",
            List.of("python", "manage.py", "migrate"),
            List.of(),
            "django migrate"),
        Arguments.of("registry.local/svc:1", List.of("goose", "up"), List.of(), "goose"),
        Arguments.of("arigaio/atlas:latest", List.of(), List.of("migrate", "apply"), "atlas"));
  }

  @ParameterizedTest(name = "{3}: {0} {1} {2}")
  @MethodSource("initContainers")
  void anInitContainerRunningAMigrationToolMarksTheRevision(
      String image, List<String> command, List<String> args, String tool) {
    PodTemplateSpec template = template(image, command, args, Map.of());

    assertThat(SchemaMigrations.of(new ObjectMeta(), template))
        .contains("init container db-migrate: " + tool);
  }

  static List<Arguments> notMigrations() {
    return List.of(
        Arguments.of(
            "busybox:1.36",
            List.of("sh", "-c", "until nc -z db 5432; do sleep 1; done"),
            List.of()),
        Arguments.of("registry.local/migrator-dashboard:1", List.of(), List.of()),
        Arguments.of(
            "registry.local/config-init:1", List.of("cp", "/defaults", "/etc/app"), List.of()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("notMigrations")
  void anInitContainerThatMigratesNothingDoesNot(
      String image, List<String> command, List<String> args) {
    assertThat(SchemaMigrations.of(new ObjectMeta(), template(image, command, args, Map.of())))
        .isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aMainContainerNamedLikeAToolIsNotAMigration() {
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewSpec()
            .addToContainers(
                new ContainerBuilder().withName("flyway-ui").withImage("flyway/flyway:10").build())
            .endSpec()
            .build();

    assertThat(SchemaMigrations.of(new ObjectMeta(), template)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theOwnersAnnotationDecidesEitherWay() {
    ObjectMeta annotatedTrue =
        new ObjectMetaBuilder()
            .withAnnotations(Map.of(MetadataKeys.SCHEMA_MIGRATION, "true"))
            .build();
    ObjectMeta annotatedFalse =
        new ObjectMetaBuilder()
            .withAnnotations(Map.of(MetadataKeys.SCHEMA_MIGRATION, "false"))
            .build();
    PodTemplateSpec plain = template("busybox:1.36", List.of("true"), List.of(), Map.of());
    PodTemplateSpec flyway = template("flyway/flyway:10", List.of(), List.of("migrate"), Map.of());
    PodTemplateSpec templateAnnotated =
        template(
            "busybox:1.36",
            List.of("true"),
            List.of(),
            Map.of(MetadataKeys.SCHEMA_MIGRATION, "true"));

    assertThat(SchemaMigrations.of(annotatedTrue, plain))
        .isEqualTo(Optional.of("annotation " + MetadataKeys.SCHEMA_MIGRATION));
    assertThat(SchemaMigrations.of(new ObjectMeta(), templateAnnotated)).isPresent();
    assertThat(SchemaMigrations.of(annotatedFalse, flyway))
        .as("the owner says it does not")
        .isEmpty();
  }

  private static PodTemplateSpec template(
      String image, List<String> command, List<String> args, Map<String, String> annotations) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .addToInitContainers(
            new ContainerBuilder()
                .withName("db-migrate")
                .withImage(image)
                .withCommand(command)
                .withArgs(args)
                .build())
        .addToContainers(
            new ContainerBuilder().withName("app").withImage("registry.local/app:1").build())
        .endSpec()
        .build();
  }
}
