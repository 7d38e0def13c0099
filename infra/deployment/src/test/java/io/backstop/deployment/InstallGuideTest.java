package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's install guide ("Install on a cluster (Helm)") against the chart it installs: each of
 * its values files renders through Helm's engine; every Secret and key the rendered pods read is
 * one the guide's {@code kubectl create secret} commands create (or the Strimzi operator makes),
 * and every Secret the guide creates is read; every Service, port, service account and admission
 * policy its commands name exists; its RBAC checks answer as it says; the write its dry run sends
 * as the executor is refused by the rendered admission policy. No cluster here: what a real install
 * would add is the API server itself.
 */
class InstallGuideTest {

  private static final String SECTION = "## Install on a cluster (Helm)";
  private static final Pattern VALUES_FILE =
      Pattern.compile("(?ms)^\\s*```yaml\\n\\s*# (values-[a-z]+\\.yaml)\\n(.*?)^\\s*```");
  private static final Pattern CREATE_SECRET =
      Pattern.compile("kubectl -n backstop create secret generic (\\S+)((?: --from-\\S+)+)");
  private static final Pattern FROM = Pattern.compile("--from-(literal|file)=(\\S+)");

  @TempDir Path tmp;

  static String guide() {
    try {
      String readme = Files.readString(Chart.dir().resolve("../../README.md").normalize());
      int start = readme.indexOf(SECTION);
      assertThat(start).as("README has the section " + SECTION).isNotNegative();
      int end = readme.indexOf("\n## ", start + SECTION.length());
      return readme.substring(start, end < 0 ? readme.length() : end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The guide's values files by name, their YAML unindented from the list they sit in. */
  static Map<String, String> valuesFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = VALUES_FILE.matcher(guide());
    while (m.find()) {
      String body = m.group(2);
      int indent = body.length() - body.stripLeading().length();
      StringBuilder yaml = new StringBuilder();
      body.lines()
          .forEach(
              l ->
                  yaml.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n'));
      files.put(m.group(1), yaml.toString());
    }
    return files;
  }

  /** Secret name -> the keys the guide's commands put in it. */
  static Map<String, Set<String>> createdSecrets() {
    Map<String, Set<String>> secrets = new LinkedHashMap<>();
    Matcher m = CREATE_SECRET.matcher(guide());
    while (m.find()) {
      Set<String> keys = secrets.computeIfAbsent(m.group(1), n -> new LinkedHashSet<>());
      Matcher from = FROM.matcher(m.group(2));
      while (from.find()) {
        String arg = from.group(2);
        if (from.group(1).equals("literal") || arg.contains("=")) {
          keys.add(arg.substring(0, arg.indexOf('=')));
        } else {
          keys.add(Path.of(arg).getFileName().toString());
        }
      }
    }
    return secrets;
  }

  private List<HasMetadata> render(String file) {
    try {
      Path values = tmp.resolve(file);
      Files.writeString(values, valuesFiles().get(file));
      return Chart.render(List.of(values), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theGuideGivesAValuesFileForEachKafkaPathAndEachInstalls() {
    assertThat(valuesFiles()).containsOnlyKeys("values-external.yaml", "values-strimzi.yaml");
    for (String file : valuesFiles().keySet()) {
      List<HasMetadata> objects = render(file);
      assertThat(Chart.all(objects, Deployment.class)).as(file).hasSize(5);
      assertThat(guide()).contains("-f " + file);
    }
    assertThat(Chart.generic(render("values-strimzi.yaml"), "Kafka")).hasSize(1);
    assertThat(Chart.generic(render("values-external.yaml"), "Kafka")).isEmpty();
    assertThat(guide())
        .contains("helm install " + Chart.RELEASE + " charts/backstop -n " + Chart.NAMESPACE);
  }

  @Test
  void thePodsPullTheImagesTheGuidesBuildPushes() {
    Matcher push =
        Pattern.compile("package jib:build -Dbackstop.image.registry=(\\S+)`").matcher(guide());
    assertThat(push.find()).as("the guide's jib:build").isTrue();
    String registry = push.group(1);
    String version = System.getProperty("backstop.project.version");
    for (String file : valuesFiles().keySet()) {
      for (Deployment d : Chart.all(render(file), Deployment.class)) {
        String service =
            d.getMetadata().getLabels().get("app.kubernetes.io/component") + "-service";
        // jib:build names each image backstop.image.registry/<artifactId>:<project version>.
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
            .as("%s: %s", file, d.getMetadata().getName())
            .isEqualTo(registry + "/" + service + ":" + version);
      }
    }
  }

  @Test
  void everySecretThePodsReadIsOneTheGuideCreatesWithThatKeyAndNoneIsCreatedInVain() {
    Map<String, Set<String>> created = createdSecrets();
    Set<String> read = new LinkedHashSet<>();
    for (String file : valuesFiles().keySet()) {
      List<HasMetadata> objects = render(file);
      Set<String> byOperator = new LinkedHashSet<>();
      Chart.generic(objects, "KafkaUser").forEach(u -> byOperator.add(u.getMetadata().getName()));
      Chart.generic(objects, "Kafka")
          .forEach(k -> byOperator.add(k.getMetadata().getName() + "-cluster-ca-cert"));
      for (SecretKey ref : secretKeys(objects)) {
        read.add(ref.name());
        if (byOperator.contains(ref.name())) {
          continue;
        }
        assertThat(created)
            .as("%s: Secret %s, read by the chart, is created by the guide", file, ref.name())
            .containsKey(ref.name());
        assertThat(created.get(ref.name()))
            .as("%s: the key the chart reads from %s", file, ref.name())
            .contains(ref.key());
      }
    }
    assertThat(read).as("every Secret the guide creates is read").containsAll(created.keySet());
  }

  @Test
  void everyServicePortAccountAndPolicyTheGuideNamesIsRendered() {
    List<HasMetadata> objects = render("values-external.yaml");
    Map<String, Set<Integer>> ports = new LinkedHashMap<>();
    Chart.all(objects, Service.class)
        .forEach(
            s ->
                s.getSpec()
                    .getPorts()
                    .forEach(
                        p ->
                            ports
                                .computeIfAbsent(
                                    s.getMetadata().getName(), n -> new LinkedHashSet<>())
                                .add(p.getPort())));
    List<String> named = new ArrayList<>();
    Matcher svc =
        Pattern.compile("svc/(\\S+) (\\d+)|http://([a-z-]+)\\.backstop:(\\d+)").matcher(guide());
    while (svc.find()) {
      String name = svc.group(1) != null ? svc.group(1) : svc.group(3);
      int port = Integer.parseInt(svc.group(2) != null ? svc.group(2) : svc.group(4));
      named.add(name);
      assertThat(ports).as("Service " + name).containsKey(name);
      assertThat(ports.get(name)).as("port of " + name).contains(port);
    }
    assertThat(named)
        .contains(
            "backstop-triage",
            "backstop-diagnosis",
            "backstop-guardrail",
            "backstop-executor",
            "backstop-escalation");

    Set<String> accounts = names(Chart.all(objects, ServiceAccount.class));
    Matcher as = Pattern.compile("--as=system:serviceaccount:backstop:(\\S+)").matcher(guide());
    while (as.find()) {
      assertThat(accounts).contains(as.group(1));
    }
    assertThat(names(Chart.all(objects, ValidatingAdmissionPolicy.class)))
        .contains(named("validatingadmissionpolicy"));
    assertThat(names(Chart.all(objects, ValidatingAdmissionPolicyBinding.class)))
        .contains(named("validatingadmissionpolicybinding"));
    assertThat(Chart.all(objects, ValidatingAdmissionPolicyBinding.class).get(0).getSpec())
        .extracting(b -> b.getValidationActions())
        .asList()
        .contains("Deny", "Audit");
  }

  @Test
  void theRbacChecksAnswerAsTheGuideSays() {
    List<HasMetadata> objects = render("values-external.yaml");
    Matcher canI =
        Pattern.compile(
                "kubectl -n (\\S+) auth can-i (\\S+) (\\S+) --as=system:serviceaccount:backstop:(\\S+)")
            .matcher(guide());
    List<Boolean> answers = new ArrayList<>();
    while (canI.find()) {
      answers.add(allowed(objects, canI.group(1), canI.group(4), canI.group(2), canI.group(3)));
    }
    assertThat(guide()).contains("The first `can-i` answers `yes`, the other two `no`");
    assertThat(answers).containsExactly(true, false, false);
  }

  @Test
  void theDryRunWriteTheGuideSendsAsTheExecutorIsRefusedByThePolicy() {
    Matcher patch =
        Pattern.compile(
                "kubectl -n (\\S+) patch deployment \\S+ --subresource=scale --type=merge -p"
                    + " '\\{\"spec\":\\{\"replicas\":(\\d+)\\}\\}' --dry-run=server"
                    + " --as=(system:serviceaccount:backstop:backstop-executor)")
            .matcher(guide());
    assertThat(patch.find()).as("the guide's dry-run scale as the executor").isTrue();
    assertThat(patch.group(3)).isEqualTo(AdmissionRequests.EXECUTOR);
    var policy =
        new AdmissionPolicy(
            Chart.all(render("values-external.yaml"), ValidatingAdmissionPolicy.class).get(0));
    var request =
        AdmissionRequests.scaleDeployment(patch.group(1), 3, Long.parseLong(patch.group(2)));
    assertThat(policy.admit(request.request(), request.object(), request.oldObject()))
        .isInstanceOf(AdmissionPolicy.Decision.Refused.class);
  }

  private static String named(String kind) {
    Matcher m = Pattern.compile("kubectl get " + kind + " (\\S+)").matcher(guide());
    assertThat(m.find()).as("the guide checks the " + kind).isTrue();
    return m.group(1);
  }

  private static Set<String> names(List<? extends HasMetadata> objects) {
    Set<String> names = new LinkedHashSet<>();
    objects.forEach(o -> names.add(o.getMetadata().getName()));
    return names;
  }

  record SecretKey(String name, String key) {}

  private static List<SecretKey> secretKeys(List<HasMetadata> objects) {
    List<SecretKey> refs = new ArrayList<>();
    for (Deployment d : Chart.all(objects, Deployment.class)) {
      var pod = d.getSpec().getTemplate().getSpec();
      for (Container c : pod.getContainers()) {
        for (EnvVar e : c.getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            refs.add(new SecretKey(ref.getName(), ref.getKey()));
          }
        }
      }
      for (Volume v : pod.getVolumes()) {
        if (v.getSecret() != null) {
          for (KeyToPath item : v.getSecret().getItems()) {
            refs.add(new SecretKey(v.getSecret().getSecretName(), item.getKey()));
          }
        }
      }
    }
    return refs;
  }

  /** Whether RBAC lets {@code account} (in backstop) do {@code verb} on {@code resource}. */
  private static boolean allowed(
      List<HasMetadata> objects, String namespace, String account, String verb, String resource) {
    Stream<PolicyRule> namespaced =
        Chart.all(objects, RoleBinding.class).stream()
            .filter(b -> namespace.equals(b.getMetadata().getNamespace()))
            .filter(b -> binds(b.getSubjects(), account))
            .flatMap(
                b ->
                    Chart.all(objects, Role.class).stream()
                        .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                        .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName())))
            .flatMap(r -> r.getRules().stream());
    Stream<PolicyRule> clusterWide =
        Chart.all(objects, ClusterRoleBinding.class).stream()
            .filter(b -> binds(b.getSubjects(), account))
            .flatMap(
                b ->
                    Chart.all(objects, ClusterRole.class).stream()
                        .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName())))
            .flatMap(r -> r.getRules().stream());
    return Stream.concat(namespaced, clusterWide)
        .anyMatch(
            r ->
                (r.getVerbs().contains(verb) || r.getVerbs().contains("*"))
                    && (r.getResources().contains(resource) || r.getResources().contains("*")));
  }

  private static boolean binds(List<Subject> subjects, String account) {
    return subjects.stream()
        .anyMatch(
            s ->
                "ServiceAccount".equals(s.getKind())
                    && account.equals(s.getName())
                    && Chart.NAMESPACE.equals(s.getNamespace()));
  }
}
