package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Secret shapes as they turn up in pods' logs, events and annotations: cloud keys, vendors' API
 * keys and tokens, connection strings (with and without a user name), private keys, JWTs, auth
 * headers, each in several surroundings (env lines, JSON, YAML, log lines, URLs, command lines);
 * and benign look-alikes (git SHAs, digests, pod names, public keys and certificates, prose that
 * uses the words) that must come through untouched. The values are made here from a fixed seed, in
 * each vendor's published format, so none is a real credential. The test prints every leak and
 * every false positive, and fails on any.
 */
class SecretShapesCorpusTest {

  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String B64 = ALNUM + "+/";
  private static final String URLSAFE = ALNUM + "-_";

  private final Random random = new Random(17);
  private final Redactor redactor = new Redactor();

  /** A secret in a surrounding: the text, and the secret that must not survive. */
  record Case(String shape, String text, String secret) {}

  @Test
  void everySecretShapeIsRedactedAndEveryLookAlikeIsLeftAlone() {
    List<Case> secrets = secrets();
    List<String> benign = benign();
    List<String> leaks = new ArrayList<>();
    List<String> falsePositives = new ArrayList<>();
    Map<String, int[]> byShape = new LinkedHashMap<>();

    for (Case c : secrets) {
      Redaction r = redactor.redact(c.text());
      boolean leaked = r.text().contains(c.secret()) || leaksAPiece(r.text(), c.secret());
      byShape.computeIfAbsent(c.shape(), s -> new int[2])[leaked ? 1 : 0]++;
      if (leaked) {
        leaks.add(c.shape() + ": " + c.text() + "  ->  " + r.text());
      }
    }
    for (String text : benign) {
      Redaction r = redactor.redact(text);
      if (r.count() > 0 || !r.text().equals(text)) {
        falsePositives.add(text + "  ->  " + r.text());
      }
    }

    System.out.printf(
        "redaction corpus: %d secrets in %d shapes, %d benign look-alikes; %d leaks, %d false"
            + " positives%n",
        secrets.size(), byShape.size(), benign.size(), leaks.size(), falsePositives.size());
    leaks.forEach(l -> System.out.println("  LEAK " + l));
    falsePositives.forEach(f -> System.out.println("  FALSE POSITIVE " + f));
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(200);
    assertThat(benign).hasSizeGreaterThanOrEqualTo(100);
    assertThat(leaks).as("leaks").isEmpty();
    assertThat(falsePositives).as("false positives").isEmpty();
  }

  /** A secret split over lines (a PEM body) leaks if any of its longer lines survives. */
  private static boolean leaksAPiece(String redacted, String secret) {
    for (String piece : secret.split("\n")) {
      if (piece.length() >= 12 && !piece.startsWith("-----") && redacted.contains(piece)) {
        return true;
      }
    }
    return false;
  }

  private List<Case> secrets() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("aws-access-key-id", "AKIA" + s(UPPER_ALNUM, 16));
    values.put("aws-temporary-key-id", "ASIA" + s(UPPER_ALNUM, 16));
    values.put("aws-secret-access-key", s(B64, 40));
    values.put("gcp-api-key", "AIza" + s(URLSAFE, 35));
    values.put("github-classic-pat", "ghp_" + s(ALNUM, 36));
    values.put("github-oauth", "gho_" + s(ALNUM, 36));
    values.put("github-app", "ghs_" + s(ALNUM, 36));
    values.put("github-fine-grained", "github_pat_" + s(ALNUM, 22) + "_" + s(ALNUM, 59));
    values.put("gitlab-pat", "glpat-" + s(URLSAFE, 20));
    values.put("slack-bot", "xoxb-" + d(11) + "-" + d(12) + "-" + s(ALNUM, 24));
    values.put("slack-user", "xoxp-" + d(11) + "-" + d(11) + "-" + d(12) + "-" + s(HEX, 32));
    values.put("stripe-live", "sk_live_" + s(ALNUM, 24));
    values.put("stripe-restricted", "rk_live_" + s(ALNUM, 24));
    values.put("openai", "sk-proj-" + s(URLSAFE, 48));
    values.put("anthropic", "sk-ant-api03-" + s(URLSAFE, 93) + "AA");
    values.put("huggingface", "hf_" + s(ALNUM, 34));
    values.put("npm", "npm_" + s(ALNUM, 36));
    values.put("pypi", "pypi-AgEIcHlwaS5vcmc" + s(URLSAFE, 60));
    values.put("sendgrid", "SG." + s(URLSAFE, 22) + "." + s(URLSAFE, 43));
    values.put("twilio-api-key", "SK" + s(HEX, 32));
    values.put("mailgun", "key-" + s(HEX, 32));
    values.put("shopify", "shpat_" + s(HEX, 32));
    values.put("digitalocean", "dop_v1_" + s(HEX, 64));
    values.put("vault-service-token", "hvs." + s(URLSAFE, 90));
    values.put("atlassian", "ATATT3xFfGF0" + s(URLSAFE, 180));
    values.put("databricks", "dapi" + s(HEX, 32));
    values.put("postman", "PMAK-" + s(HEX, 24) + "-" + s(HEX, 34));
    values.put("doppler", "dp.pt." + s(ALNUM, 43));
    values.put("linear", "lin_api_" + s(ALNUM, 40));
    values.put("pulumi", "pul-" + s(HEX, 40));
    values.put("grafana-service-account", "glsa_" + s(ALNUM, 32) + "_" + s(HEX, 8));
    values.put("square", "sq0atp-" + s(URLSAFE, 22));
    values.put("telegram-bot", d(10) + ":AA" + s(URLSAFE, 33));
    values.put("alibaba-access-key", "LTAI" + s(ALNUM, 20));
    values.put("tencent-secret-id", "AKID" + s(ALNUM, 32));
    values.put("azure-storage-key", s(B64, 86) + "==");
    values.put("jwt", jwt());
    values.put("generic-password", "Tr0ub4dor&3-" + s(ALNUM, 6));
    values.put("generic-token", s(URLSAFE, 32));
    values.put("db-password", s(ALNUM, 16));

    List<Case> cases = new ArrayList<>();
    for (var e : values.entrySet()) {
      String shape = e.getKey();
      String v = e.getValue();
      for (Function<String, String> context : contexts(shape)) {
        cases.add(new Case(shape, context.apply(v), v));
      }
    }
    String pw = s(ALNUM, 18);
    for (String scheme :
        List.of(
            "postgres",
            "postgresql",
            "mysql",
            "mongodb",
            "mongodb+srv",
            "redis",
            "rediss",
            "amqp",
            "amqps",
            "kafka",
            "nats",
            "ldap",
            "ftp",
            "sftp",
            "https",
            "smtp")) {
      cases.add(
          new Case("dsn-" + scheme, "url=" + scheme + "://app:" + pw + "@db.shop.svc:5432/x", pw));
      cases.add(
          new Case(
              "dsn-empty-user-" + scheme,
              "connecting to " + scheme + "://:" + pw + "@cache:6379",
              pw));
    }
    cases.add(
        new Case(
            "jdbc-password-param",
            "jdbc:postgresql://db:5432/shop?user=app&password=" + pw + "&ssl=true",
            pw));
    cases.add(
        new Case(
            "ado-connection-string",
            "Server=tcp:sql.shop,1433;Database=orders;User ID=app;Password=" + pw + ";Encrypt=true",
            pw));
    cases.add(
        new Case(
            "azure-storage-connection-string",
            "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey="
                + values.get("azure-storage-key")
                + ";EndpointSuffix=core.windows.net",
            values.get("azure-storage-key")));
    for (String kind :
        List.of(
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "PRIVATE KEY",
            "OPENSSH PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
            "DSA PRIVATE KEY")) {
      String body = s(B64, 64) + "\n" + s(B64, 64) + "\n" + s(B64, 40);
      String pem = "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----";
      cases.add(new Case("pem-" + kind, "key material: " + pem, body));
      cases.add(
          new Case(
              "pem-json-" + kind, "{\"key\":\"" + pem.replace("\n", "\\n") + "\"}", s64(body)));
    }
    String pgp = s(B64, 64) + "\n" + s(B64, 64);
    cases.add(
        new Case(
            "pgp-private-key",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"
                + pgp
                + "\n-----END PGP PRIVATE KEY BLOCK-----",
            pgp));
    String basic = Base64.getEncoder().encodeToString(("admin:" + pw).getBytes());
    cases.add(new Case("basic-auth-header", "Authorization: Basic " + basic, basic));
    cases.add(
        new Case(
            "basic-auth-curl", "curl -H 'Authorization: Basic " + basic + "' https://api", basic));
    String bearer = s(URLSAFE, 40);
    cases.add(new Case("bearer-header", "Authorization: Bearer " + bearer, bearer));
    cases.add(new Case("bearer-log", "sending request with bearer " + bearer, bearer));
    String kubeToken = jwt();
    cases.add(new Case("kubeconfig-token", "    token: " + kubeToken, kubeToken));
    String clientKey = s(B64, 80);
    cases.add(
        new Case("kubeconfig-client-key-data", "    client-key-data: " + clientKey, clientKey));
    String secretData = Base64.getEncoder().encodeToString(s(ALNUM, 20).getBytes());
    cases.add(new Case("k8s-secret-data", "data:\n  password: " + secretData, secretData));
    String sas = s(B64, 43) + "%3D";
    cases.add(
        new Case(
            "azure-sas",
            "https://shop.blob.core.windows.net/c/f?sv=2022-11-02&se=2026&sp=r&sig=" + sas,
            sas));
    String cookie = s(URLSAFE, 40);
    cases.add(
        new Case("session-cookie", "Set-Cookie: session_token=" + cookie + "; HttpOnly", cookie));
    cases.add(new Case("api-key-header", "x-api-key: " + s32(cookie), s32(cookie)));
    return cases;
  }

  private static String s32(String v) {
    return v.substring(0, 32);
  }

  private static String s64(String body) {
    return body.split("\n")[0];
  }

  /** Surroundings a value turns up in; values that only a key name gives away get keyed ones. */
  private List<Function<String, String>> contexts(String shape) {
    List<Function<String, String>> keyed =
        List.of(
            v -> "API_KEY=" + v,
            v -> "{\"secret\": \"" + v + "\", \"region\": \"eu-west-1\"}",
            v -> "  apiKey: " + v,
            v -> "2026-11-24T09:58:01Z WARN client - retrying with access_key=" + v,
            v -> "--password=" + v + " --host db");
    List<Function<String, String>> bare =
        List.of(
            v -> "2026-11-24T09:58:01Z ERROR auth failed for key " + v + " (403)",
            v -> "\"" + v + "\"",
            v -> "export TOKEN=" + v);
    boolean formatOnly =
        shape.startsWith("generic")
            || shape.startsWith("db-")
            || shape.equals("aws-secret-access-key");
    List<Function<String, String>> all = new ArrayList<>(keyed);
    if (!formatOnly) {
      all.addAll(bare);
    }
    return all;
  }

  private List<String> benign() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      String sha = s(HEX, 40);
      lines.add("backstop.io/git-sha: " + sha);
      lines.add("image registry.local/shop/checkout@sha256:" + s(HEX, 64));
      lines.add(
          "pod checkout-"
              + s("bcdfghjklmnpqrstvwxz2456789", 10)
              + "-"
              + s("bcdfghjklmnpqrstvwxz2456789", 5)
              + " restarted");
      lines.add("trace_id=" + s(HEX, 32) + " span_id=" + s(HEX, 16));
      lines.add(
          "request " + java.util.UUID.nameUUIDFromBytes(s(ALNUM, 8).getBytes()) + " took 12ms");
    }
    lines.addAll(
        List.of(
            "password_count=3 token_ttl=300 secret_name=db-credentials",
            "passwordRequired: true",
            "token_limit: 4096",
            "api_key_file: /etc/backstop/api-key",
            "the bearer of bad news was the 503 from payments",
            "secretary-service scaled to 3 replicas",
            "tokenizer warmed up in 120 ms",
            "keyboard layout: us",
            "passport scan uploaded",
            "sk-learn model loaded",
            "deploying gh-pages branch",
            "redis://redis.shop.svc:6379/0",
            "postgres://db.shop.svc:5432/orders",
            "https://user@github.com/shop/checkout.git",
            "mongodb+srv://cluster0.mongodb.net/test",
            "jdbc:postgresql://db:5432/shop?ssl=true",
            "-----BEGIN CERTIFICATE-----",
            "-----BEGIN PUBLIC KEY-----",
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC public key of deploy@ci",
            "checkout-6f7d9c8b5-x2k4p 0/1 CrashLoopBackOff 7 (2m ago)",
            "2026-11-24T09:58:01.114Z ERROR PaymentClient - upstream 503 after 3 retries",
            "kubectl.kubernetes.io/restartedAt: 2026-11-24T09:40:00Z",
            "deployment.kubernetes.io/revision: 3",
            "error rate 0.31 over 5m (threshold 0.05)",
            "AKIA prefix is what AWS access key ids start with",
            "Authorization header missing",
            "token expired at 2026-11-24T10:00:00Z",
            "password policy: at least 12 characters",
            "the secret to fast rollouts is small images",
            "basic authentication is disabled",
            "memory 512Mi of 1Gi, cpu 0.8 of 1",
            "GET /api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout 200",
            "java.lang.NullPointerException: Cannot invoke \"PaymentRequest.amount()\"",
            "commit 9c41d0e fix the retry budget",
            "version 4.2.1-SNAPSHOT built 2026-11-24",
            "sha256:3b7f0a9e5c1d2f4a6b8c0e2d4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b2c4d6e8f0a",
            "pod-template-hash=6f7d9c8b5",
            "node ip-10-0-3-17.eu-west-1.compute.internal NotReady",
            "keyId=1a2b3c4d5e6f7a8b signed the approval",
            "OOMKilled: container checkout exceeded its 1Gi limit",
            // look-alikes of the vendors' prefixes
            "key-value store warmed up in 40 ms",
            "SKU SK-2041 out of stock",
            "disk sda1 at 91% on node-7",
            "pulumi stack select prod",
            "sq0 queue depth 4",
            "dapi profile not found",
            "shopify webhook answered 200",
            "PMAK tokens are issued in the Postman settings",
            "hf_transfer enabled for model downloads",
            "LTAI prefix marks an Alibaba Cloud key id",
            "AKID is the prefix of a Tencent Cloud key id",
            "SG.ADMIN group synced",
            "glsa_ tokens belong to Grafana service accounts",
            "lin_api_ keys are Linear's",
            "hvs. starts a Vault service token",
            "cache redis://:6379 unreachable",
            "http://[::1]:8080/healthz 200"));
    return lines;
  }

  private String jwt() {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes());
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("{\"sub\":\"" + s(ALNUM, 12) + "\",\"exp\":1767225600}").getBytes());
    return header + "." + payload + "." + s(URLSAFE, 43);
  }

  private String s(String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private String d(int length) {
    return s("0123456789", length);
  }
}
