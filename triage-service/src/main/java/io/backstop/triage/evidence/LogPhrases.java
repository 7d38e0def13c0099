package io.backstop.triage.evidence;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrasings real clients log for three failures triage names: authentication rejected (Redis
 * {@code WRONGPASS}/{@code NOAUTH}, PostgreSQL "password authentication failed", MySQL "Access
 * denied for user", OAuth {@code invalid_grant}/{@code invalid_client}, S3 {@code
 * SignatureDoesNotMatch}/{@code InvalidAccessKeyId}, AWS {@code ExpiredToken}, Kafka "SASL
 * authentication failed", SQL Server "Login failed for user", HTTP 401), a certificate that expired
 * or is not yet valid (Go's x509, Java's PKIX and {@code CertificateExpiredException}, OpenSSL's
 * verify errors, Node's {@code CERT_HAS_EXPIRED}), and name resolution that fails (Go's "no such
 * host", Java's {@code UnknownHostException}, glibc's "Temporary failure in name resolution",
 * Node's {@code ENOTFOUND}, curl's "Could not resolve host", {@code NXDOMAIN}, {@code SERVFAIL}),
 * and the Kubernetes API refusing the pods' own service account ({@link #API_FORBIDDEN}).
 */
final class LogPhrases {

  static final Pattern CREDENTIAL =
      Pattern.compile(
          "(?i)(WRONGPASS|NOAUTH Authentication required|password authentication failed"
              + "|Access denied for user|Login failed for user|invalid_grant|invalid_client"
              + "|unauthorized_client|SignatureDoesNotMatch|InvalidAccessKeyId|InvalidClientTokenId"
              + "|ExpiredToken|The security token included in the request is (?:invalid|expired)"
              + "|SASL authentication failed|Authentication failed|authentication failure"
              + "|AUTH failed|invalid credentials|bad credentials|401 Unauthorized"
              + "|\\bUnauthori[sz]ed\\b|expired (?:token|credentials)|token (?:has )?expired"
              + "|invalid (?:api )?key|invalid_api_key|credential rejected)");

  static final Pattern CERTIFICATE =
      Pattern.compile(
          "(?i)(certificate has expired|x509: certificate has expired or is not yet valid"
              + "|CertificateExpiredException|CertificateNotYetValidException"
              + "|PKIX path validation failed|validity check failed|CERT_HAS_EXPIRED"
              + "|certificate verify failed: certificate has expired|tls: expired certificate"
              + "|SSL certificate problem: certificate has expired)");

  static final Pattern DNS =
      Pattern.compile(
          "(?i)(no such host|UnknownHostException|Temporary failure in name resolution"
              + "|Name or service not known|nodename nor servname provided|getaddrinfo ENOTFOUND"
              + "|getaddrinfo EAI_AGAIN|Could not resolve host|NXDOMAIN|SERVFAIL"
              + "|server misbehaving|i/o timeout.*:53\\b|lookup [\\w.-]+ on [\\d.:]+)");

  /**
   * The Kubernetes API server's authorization refusal as every client logs it (client-go, fabric8,
   * the Python and JavaScript clients): {@code <resource> "<name>" is forbidden: User
   * "system:serviceaccount:<namespace>:<name>" cannot <verb> resource "<resource>" in API group
   * "<group>"}. Only a service account's refusal counts: that is the pods' own identity.
   */
  static final Pattern API_FORBIDDEN =
      Pattern.compile(
          "(is forbidden: User \\\\?\"system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+\\\\?\""
              + " cannot [a-z]+ resource \\\\?\"[a-z0-9./-]+\\\\?\")");

  private LogPhrases() {}

  /** The first phrase of the pattern found in the text, as written there. */
  static Optional<String> first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The distinct phrases found, in the order of first appearance, at most {@code max}. */
  static List<String> all(Pattern pattern, String text, int max) {
    Matcher m = pattern.matcher(text);
    java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
    while (m.find() && found.size() < max) {
      found.add(m.group(1));
    }
    return List.copyOf(found);
  }
}
