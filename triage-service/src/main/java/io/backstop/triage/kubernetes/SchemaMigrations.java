package io.backstop.triage.kubernetes;

import io.backstop.events.MetadataKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a revision's pod template runs a database schema migration at rollout, from structure a
 * cluster has: the owner's annotation {@code backstop.io/schema-migration: "true"} on the
 * ReplicaSet or its pod template, or an init container whose image or command is a known migration
 * tool (Flyway, Liquibase, Alembic, golang-migrate, {@code rails db:migrate}, {@code prisma
 * migrate}, Django's {@code manage.py migrate}, goose, Atlas, dbmate, sqitch, Sequelize, Knex).
 * Only init containers count: they run to completion before the new code starts, which is how a
 * rollout migrates; a main container named like a tool is the tool's own service, not a migration.
 * An annotation {@code "false"} says the owner knows the template does not migrate.
 */
public final class SchemaMigrations {

  private static final List<Tool> TOOLS =
      List.of(
          new Tool("flyway", Pattern.compile("\\bflyway\\b")),
          new Tool("liquibase", Pattern.compile("\\bliquibase\\b")),
          new Tool("alembic", Pattern.compile("\\balembic\\b")),
          new Tool("rails db:migrate", Pattern.compile("\\bdb:migrate\\b")),
          new Tool("prisma migrate", Pattern.compile("\\bprisma\\s+migrate\\b")),
          new Tool(
              "django migrate", Pattern.compile("\\b(manage\\.py|django-admin)\\s+migrate\\b")),
          new Tool("goose", Pattern.compile("\\bgoose\\b")),
          new Tool("atlas", Pattern.compile("\\batlas\\s+(migrate|schema)\\b|arigaio/atlas")),
          new Tool("dbmate", Pattern.compile("\\bdbmate\\b")),
          new Tool("sqitch", Pattern.compile("\\bsqitch\\b")),
          new Tool("knex migrate", Pattern.compile("\\bknex\\s+migrate")),
          new Tool("migrate", Pattern.compile("(^|[/\\s])migrate(/migrate)?([:@\\s]|$)")));

  private SchemaMigrations() {}

  /** How triage knows the template migrates ("init container db-migrate: flyway"), or empty. */
  public static Optional<String> of(ObjectMeta owner, PodTemplateSpec template) {
    String annotated =
        annotation(owner)
            .or(() -> annotation(template == null ? null : template.getMetadata()))
            .orElse("");
    if ("true".equalsIgnoreCase(annotated)) {
      return Optional.of("annotation " + MetadataKeys.SCHEMA_MIGRATION);
    }
    if ("false".equalsIgnoreCase(annotated) || template == null || template.getSpec() == null) {
      return Optional.empty();
    }
    List<Container> inits = template.getSpec().getInitContainers();
    for (Container init : inits == null ? List.<Container>of() : inits) {
      String text = text(init);
      for (Tool tool : TOOLS) {
        if (tool.pattern().matcher(text).find()) {
          return Optional.of("init container " + init.getName() + ": " + tool.name());
        }
      }
    }
    return Optional.empty();
  }

  /** The known migration tool a container runs ("flyway"), or empty. */
  static Optional<String> tool(Container c) {
    String text = text(c);
    for (Tool tool : TOOLS) {
      if (tool.pattern().matcher(text).find()) {
        return Optional.of(tool.name());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> annotation(ObjectMeta meta) {
    if (meta == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = meta.getAnnotations();
    return annotations == null
        ? Optional.empty()
        : Optional.ofNullable(annotations.get(MetadataKeys.SCHEMA_MIGRATION)).map(String::strip);
  }

  /** The image, command and arguments of a container, lower case, space separated. */
  private static String text(Container c) {
    List<String> parts = new ArrayList<>();
    if (c.getImage() != null) {
      parts.add(c.getImage());
    }
    if (c.getCommand() != null) {
      parts.addAll(c.getCommand());
    }
    if (c.getArgs() != null) {
      parts.addAll(c.getArgs());
    }
    return String.join(" ", parts).toLowerCase(Locale.ROOT);
  }

  private record Tool(String name, Pattern pattern) {}
}
