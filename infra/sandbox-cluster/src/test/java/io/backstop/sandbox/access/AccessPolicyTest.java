package io.backstop.sandbox.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

  private final AccessPolicy policy = new AccessPolicy();

  @ParameterizedTest(name = "{0} {1} {2}/{3} -> {4}")
  @CsvSource({
    "READ_ONLY, LIST, apps, deployments, '', true",
    "READ_ONLY, GET, '', pods, log, true",
    "READ_ONLY, WATCH, '', events, '', true",
    "READ_ONLY, GET, '', secrets, '', false",
    "READ_ONLY, LIST, '', secrets, '', false",
    "READ_ONLY, PATCH, apps, deployments, '', false",
    "READ_ONLY, UPDATE, apps, deployments, scale, false",
    "READ_ONLY, CREATE, '', configmaps, '', false",
    "READ_ONLY, DELETE, '', pods, '', false",
    "EXECUTOR, PATCH, apps, deployments, '', true",
    "EXECUTOR, PATCH, apps, deployments, scale, true",
    "EXECUTOR, UPDATE, apps, deployments, scale, true",
    "EXECUTOR, GET, apps, replicasets, '', true",
    "EXECUTOR, UPDATE, apps, deployments, '', false",
    "EXECUTOR, DELETE, apps, deployments, '', false",
    "EXECUTOR, CREATE, apps, deployments, '', false",
    "EXECUTOR, PATCH, apps, deployments, status, false",
    "EXECUTOR, PATCH, apps, statefulsets, '', false",
    "EXECUTOR, PATCH, apps, statefulsets, scale, false",
    "EXECUTOR, DELETE, '', pods, '', false",
    "EXECUTOR, GET, '', secrets, '', false",
    "ADMIN, DELETE, '', namespaces, '', true",
    "ADMIN, GET, '', secrets, '', true"
  })
  void allowsOnlyWhatTheRoleIsFor(
      Role role, Verb verb, String group, String resource, String sub, boolean allowed) {
    var refusal =
        policy.refusal(new Principal("t", role), new AccessRequest(verb, group, resource, sub));

    assertThat(refusal.isEmpty()).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"READ_ONLY", "EXECUTOR"})
  void refusalNamesTheTokenVerbAndResource(Role role) {
    var refusal =
        policy.refusal(
            new Principal("who", role), new AccessRequest(Verb.DELETE, "apps", "statefulsets", ""));

    assertThat(refusal)
        .hasValueSatisfying(m -> assertThat(m).contains("who", "delete", "statefulsets", "apps"));
  }
}
