package io.backstop.localkafka;

import io.backstop.events.access.ServicePrincipal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The broker's ACLs, made from {@link ServicePrincipal} and nothing else: per service, READ on the
 * topics it reads, WRITE on the topics it writes, READ on its consumer group, WRITE and DESCRIBE on
 * its transactional ids (every id that starts with its user name, {@code <user>*}: the binder's
 * {@code <user>-...} and per-partition {@code <user>.<topic>...} ids). With the standard authorizer
 * and {@code allow.everyone.if.no.acl.found=false}, everything not listed is denied.
 */
public final class BrokerAcls {

  private BrokerAcls() {}

  public static List<AclBinding> all() {
    List<AclBinding> acls = new ArrayList<>();
    for (ServicePrincipal p : ServicePrincipal.values()) {
      String principal = "User:" + p.user();
      p.reads()
          .forEach(
              t ->
                  acls.add(
                      allow(
                          principal,
                          ResourceType.TOPIC,
                          t,
                          PatternType.LITERAL,
                          AclOperation.READ)));
      p.writes()
          .forEach(
              t ->
                  acls.add(
                      allow(
                          principal,
                          ResourceType.TOPIC,
                          t,
                          PatternType.LITERAL,
                          AclOperation.WRITE)));
      acls.add(
          allow(principal, ResourceType.GROUP, p.user(), PatternType.LITERAL, AclOperation.READ));
      for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
        acls.add(
            allow(principal, ResourceType.TRANSACTIONAL_ID, p.user(), PatternType.PREFIXED, op));
      }
    }
    return List.copyOf(acls);
  }

  private static AclBinding allow(
      String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }
}
