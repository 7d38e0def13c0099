package io.backstop.localkafka;

import io.backstop.events.TopicSpec;
import io.backstop.events.Topics;
import io.backstop.events.access.ServicePrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Creates every topic of {@link Topics#all()} with its settings; existing topics are kept. Returns
 * only once every topic is in the broker's metadata: a created topic reaches it a moment after the
 * controller acknowledges it, and a client that lists or describes it in that moment sees nothing.
 */
final class TopicSetup {

  private TopicSetup() {}

  static void createAll(Admin admin, Duration timeout) {
    try {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          Topics.all().stream()
              .filter(spec -> !existing.contains(spec.name()))
              .map(TopicSetup::newTopic)
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      awaitVisible(admin, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BrokerStartException("cannot create the topics: " + e.getMessage(), e);
    }
  }

  /**
   * Iterations of a service user's SCRAM-SHA-512 credential: Kafka's minimum for the mechanism, as
   * the admin's credential from the storage tool has. Iterations slow the guessing of a weak
   * password from a stolen credential; a service's password is 24 random bytes made fresh at every
   * start, so more buy nothing, and every client connection pays them: with the client compiler
   * only, the SCRAM handshakes were about a quarter of the one JVM's CPU to ready at 8192.
   */
  static final int SCRAM_ITERATIONS = 4096;

  /** Each service's SCRAM user with this start's password, and every ACL of {@link BrokerAcls}. */
  static void usersAndAcls(Admin admin, BrokerCredentials credentials, Duration timeout) {
    try {
      List<UserScramCredentialAlteration> users = new ArrayList<>();
      for (ServicePrincipal p : ServicePrincipal.values()) {
        users.add(
            new UserScramCredentialUpsertion(
                p.user(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                credentials.password(p)));
      }
      admin.alterUserScramCredentials(users).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      admin.createAcls(BrokerAcls.all()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted setting up users and ACLs", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BrokerStartException("cannot set up users and ACLs: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the broker's authorizer holds every ACL: the controller commits them first and the
   * broker applies them a moment later, and a service's first write in that moment is refused.
   */
  static void awaitAclsVisible(Admin admin, Duration timeout) {
    int wanted = BrokerAcls.all().size();
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = -1;
    while (System.nanoTime() < deadline) {
      try {
        seen =
            admin
                .describeAcls(AclBindingFilter.ANY)
                .values()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .size();
        if (seen >= wanted) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrokerStartException("interrupted waiting for the ACLs", e);
      } catch (ExecutionException | TimeoutException e) {
        // not answered yet: ask again until the deadline
      }
      pause();
    }
    throw new BrokerStartException(
        "the broker shows " + seen + " of " + wanted + " ACLs after " + timeout);
  }

  /**
   * Waits until every service's user can log in: SCRAM credentials reach the broker's credential
   * cache after the controller commits them, and a client that tries in between fails for good
   * ({@code SaslAuthenticationException} is not retried), so the stack is not ready before this.
   */
  static void awaitLogins(String bootstrap, BrokerCredentials credentials, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ServicePrincipal p : ServicePrincipal.values()) {
      Map<String, Object> config =
          new HashMap<>(BrokerCredentials.scram(p.user(), credentials.password(p)));
      config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
      Exception last = null;
      while (true) {
        try (Admin login = Admin.create(config)) {
          login.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BrokerStartException("interrupted waiting for " + p.user() + " to log in", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          last = e;
        }
        if (System.nanoTime() > deadline) {
          throw new BrokerStartException(
              p.user() + " cannot log in to the broker after " + timeout + ": " + last, last);
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted waiting for the broker", e);
    }
  }

  private static void awaitVisible(Admin admin, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> wanted = Topics.all().stream().map(TopicSpec::name).toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Set<String> listed =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (listed.containsAll(wanted)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "topics created but not visible after "
                + timeout
                + ": missing "
                + wanted.stream().filter(t -> !listed.contains(t)).toList());
      }
      Thread.sleep(100);
    }
  }

  private static NewTopic newTopic(TopicSpec spec) {
    return new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
        .configs(spec.configs());
  }
}
