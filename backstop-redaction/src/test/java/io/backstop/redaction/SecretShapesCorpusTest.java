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
    printThroughput(secrets, benign);
    leaks.forEach(l -> System.out.println("  LEAK " + l));
    falsePositives.forEach(f -> System.out.println("  FALSE POSITIVE " + f));
    assertThat(byShape).as("secret shapes").hasSizeGreaterThanOrEqualTo(200);
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(benign).hasSizeGreaterThanOrEqualTo(100);
    assertThat(leaks).as("leaks").isEmpty();
    assertThat(falsePositives).as("false positives").isEmpty();
  }

  /** Figures, not checks: how fast the whole rule set redacts this corpus on this machine. */
  private void printThroughput(List<Case> secrets, List<String> benign) {
    List<String> all = new ArrayList<>(benign);
    secrets.forEach(c -> all.add(c.text()));
    printThroughput("every line", all);
    printThroughput("look-alikes only", benign);
  }

  private void printThroughput(String label, List<String> lines) {
    long chars = lines.stream().mapToLong(String::length).sum();
    for (int warm = 0; warm < 20; warm++) {
      lines.forEach(redactor::redact);
    }
    int rounds = 50;
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      lines.forEach(redactor::redact);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "redaction throughput, %s: %.0f lines/s, %.1f MB/s (%d lines, mean %d chars)%n",
        label,
        rounds * lines.size() / seconds,
        rounds * chars / seconds / 1e6,
        lines.size(),
        chars / lines.size());
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

  List<Case> secrets() {
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
    moreVendors(values);

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
            "mssql",
            "sqlserver",
            "oracle",
            "cockroachdb",
            "clickhouse",
            "cassandra",
            "couchbase",
            "neo4j",
            "neo4j+s",
            "influxdb",
            "mqtt",
            "imap",
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
    commandLinesAndFiles(cases, s(ALNUM, 16));
    return cases;
  }

  /** More vendors' published key formats, each in every surrounding. */
  private void moreVendors(Map<String, String> v) {
    v.put("github-user-to-server", "ghu_" + s(ALNUM, 36));
    v.put("github-refresh", "ghr_" + s(ALNUM, 36));
    v.put("gitlab-pipeline-trigger", "glptt-" + s(HEX, 40));
    v.put("gitlab-deploy-token", "gldt-" + s(URLSAFE, 20));
    v.put("gitlab-runner-token", "glrt-" + s(URLSAFE, 20));
    v.put("gitlab-oauth-secret", "gloas-" + s(HEX, 64));
    v.put("slack-app", "xapp-1-A" + s(UPPER_ALNUM, 10) + "-" + d(13) + "-" + s(HEX, 64));
    v.put(
        "slack-webhook",
        "https://hooks.slack.com/services/T"
            + s(UPPER_ALNUM, 8)
            + "/B"
            + s(UPPER_ALNUM, 8)
            + "/"
            + s(ALNUM, 24));
    v.put("discord-webhook", "https://discord.com/api/webhooks/" + d(18) + "/" + s(URLSAFE, 68));
    v.put("discord-bot", "MT" + s(ALNUM, 22) + "." + s(URLSAFE, 6) + "." + s(URLSAFE, 38));
    v.put("stripe-test", "sk_test_" + s(ALNUM, 24));
    v.put("stripe-webhook-secret", "whsec_" + s(ALNUM, 32));
    v.put("openai-legacy", "sk-" + s(ALNUM, 48));
    v.put("openai-service-account", "sk-svcacct-" + s(URLSAFE, 58));
    v.put("anthropic-admin", "sk-ant-admin01-" + s(URLSAFE, 93) + "AA");
    v.put("groq", "gsk_" + s(ALNUM, 52));
    v.put("perplexity", "pplx-" + s(ALNUM, 48));
    v.put("replicate", "r8_" + s(ALNUM, 37));
    v.put("google-oauth-client-secret", "GOCSPX-" + s(URLSAFE, 28));
    v.put("google-oauth-access-token", "ya29." + s(URLSAFE, 120));
    v.put("google-oauth-refresh-token", "1//0" + s(URLSAFE, 60));
    v.put("firebase-fcm-server-key", "AAAA" + s(URLSAFE, 7) + ":APA91b" + s(URLSAFE, 134));
    v.put("facebook-access-token", "EAACEdEose0cBA" + s(ALNUM, 100));
    v.put("dropbox", "sl." + s(URLSAFE, 135));
    v.put("mapbox-secret", "sk.eyJ1Ijoi" + s(URLSAFE, 50) + "." + s(URLSAFE, 22));
    v.put("square-access-token", "EAAA" + s(URLSAFE, 60));
    v.put(
        "braintree",
        "access_token$production$"
            + s("abcdefghijklmnopqrstuvwxyz0123456789", 16)
            + "$"
            + s(HEX, 32));
    v.put("plaid", "access-production-" + uuid());
    v.put("shopify-custom-app", "shpca_" + s(HEX, 32));
    v.put("shopify-private-app", "shppa_" + s(HEX, 32));
    v.put("shopify-shared-secret", "shpss_" + s(HEX, 32));
    v.put("new-relic-user", "NRAK-" + s(UPPER_ALNUM, 27));
    v.put("new-relic-insert", "NRII-" + s(URLSAFE, 32));
    v.put("new-relic-license", s(HEX, 36) + "NRAL");
    v.put("dynatrace", "dt0c01." + s(UPPER_ALNUM, 24) + "." + s(UPPER_ALNUM, 64));
    v.put("sentry-user-token", "sntryu_" + s(HEX, 64));
    v.put("sentry-org-token", "sntrys_" + s(URLSAFE, 80));
    v.put("grafana-cloud", "glc_" + s(URLSAFE, 60));
    v.put("grafana-api-key", "eyJrIjoi" + s(ALNUM, 50));
    v.put("docker-hub", "dckr_pat_" + s(URLSAFE, 27));
    v.put("fly", "fo1_" + s(URLSAFE, 43));
    v.put("supabase", "sbp_" + s(HEX, 40));
    v.put("planetscale-token", "pscale_tkn_" + s(URLSAFE, 43));
    v.put("planetscale-password", "pscale_pw_" + s(URLSAFE, 43));
    v.put("render", "rnd_" + s(ALNUM, 32));
    v.put("netlify", "nfp_" + s(ALNUM, 36));
    v.put("heroku", "HRKU-" + s(URLSAFE, 60));
    v.put("terraform-cloud", s(ALNUM, 14) + ".atlasv1." + s(URLSAFE, 67));
    v.put("vault-batch", "hvb." + s(URLSAFE, 130));
    v.put("age-secret-key", "AGE-SECRET-KEY-1" + s(UPPER_ALNUM, 58));
    v.put("doppler-service", "dp.st." + s(ALNUM, 43));
    v.put("doppler-service-account", "dp.sa." + s(ALNUM, 43));
    v.put("doppler-cli", "dp.ct." + s(ALNUM, 43));
    v.put("sonarqube-user", "squ_" + s(HEX, 40));
    v.put("sonarqube-project", "sqp_" + s(HEX, 40));
    v.put("sonarqube-analysis", "sqa_" + s(HEX, 40));
    v.put("jfrog", "AKCp" + s(ALNUM, 69));
    v.put("azure-ad-client-secret", s(ALNUM, 3) + "8Q~" + s(URLSAFE, 34));
    v.put("aws-mws", "amzn.mws." + uuid());
    v.put("yandex-api-key", "AQVN" + s(URLSAFE, 35));
    v.put("yandex-oauth", "y0_" + s(URLSAFE, 55));
    v.put("mailchimp", s(HEX, 32) + "-us" + d(2));
    v.put("brevo", "xkeysib-" + s(HEX, 64) + "-" + s(ALNUM, 16));
    v.put("contentful", "CFPAT-" + s(URLSAFE, 43));
    v.put("notion", "secret_" + s(ALNUM, 43));
    v.put("notion-new", "ntn_" + d(11) + s(ALNUM, 35));
    v.put("airtable", "pat" + s(ALNUM, 14) + "." + s(HEX, 64));
    v.put("asana", "2/" + d(16) + "/" + d(16) + ":" + s(HEX, 32));
    v.put("clickup", "pk_" + d(8) + "_" + s(UPPER_ALNUM, 32));
    v.put("typeform", "tfp_" + s(URLSAFE, 44) + "_" + s(URLSAFE, 14));
    v.put("tailscale-auth", "tskey-auth-" + s(ALNUM, 17) + "-" + s(ALNUM, 33));
    v.put("tailscale-api", "tskey-api-" + s(ALNUM, 17) + "-" + s(ALNUM, 33));
    v.put("prefect", "pnu_" + s(ALNUM, 36));
    v.put("readme", "rdme_" + s(ALNUM, 70));
    v.put("rubygems", "rubygems_" + s(HEX, 48));
    v.put("nuget", "oy2" + s("abcdefghijklmnopqrstuvwxyz0123456789", 43));
    v.put("clojars", "CLOJARS_" + s(HEX, 60));
    v.put("pypi-test", "pypi-AgENdGVzdC5weXBpLm9yZw" + s(URLSAFE, 60));
    // Values only their key gives away: checked in keyed surroundings.
    v.put("generic-datadog-api-key", s(HEX, 32));
    v.put("generic-twilio-auth-token", s(HEX, 32));
    v.put("generic-heroku-legacy", uuid());
    v.put("generic-azure-devops-pat", s("abcdefghijklmnopqrstuvwxyz234567", 52));
    v.put(
        "generic-k8s-bootstrap-token",
        s("abcdefghijklmnopqrstuvwxyz0123456789", 6)
            + "."
            + s("abcdefghijklmnopqrstuvwxyz0123456789", 16));
    v.put("generic-vercel-token", s(ALNUM, 24));
  }

  /** Secrets on command lines and in well-known files, as they show up in logs of scripts. */
  private void commandLinesAndFiles(List<Case> cases, String pw) {
    cases.add(new Case("mysql-cli", "mysql -u app -p" + pw + " -h db.shop.svc orders", pw));
    cases.add(new Case("sshpass", "sshpass -p " + pw + " ssh deploy@bastion", pw));
    cases.add(new Case("curl-user", "curl -sS -u admin:" + pw + " https://api.shop/v1", pw));
    cases.add(new Case("keytool-storepass", "keytool -list -keystore k.jks -storepass " + pw, pw));
    cases.add(new Case("docker-login", "docker login -u ci -p " + pw + " registry.shop", pw));
    cases.add(new Case("redis-cli", "redis-cli -h cache -a " + pw + " ping", pw));
    cases.add(
        new Case(
            "kubectl-from-literal",
            "kubectl create secret generic db --from-literal=password=" + pw,
            pw));
    cases.add(new Case("helm-set", "helm upgrade shop ./chart --set auth.rootPassword=" + pw, pw));
    cases.add(
        new Case(
            "java-keystore-property",
            "java -Djavax.net.ssl.keyStorePassword=" + pw + " -jar app.jar",
            pw));
    cases.add(new Case("netrc", "machine api.shop.example login deploy password " + pw, pw));
    String auth = Base64.getEncoder().encodeToString(("ci:" + pw).getBytes());
    cases.add(
        new Case(
            "docker-config-auth",
            "{\"auths\":{\"registry.shop\":{\"auth\":\"" + auth + "\"}}}",
            auth));
    String npm = uuid();
    cases.add(new Case("npmrc", "//registry.npmjs.org/:_authToken=" + npm, npm));
    String bcrypt = "$2b$12$" + s(ALNUM + "./", 53);
    cases.add(new Case("bcrypt-hash", "admin:" + bcrypt, bcrypt));
    String apr = "$apr1$" + s(ALNUM, 8) + "$" + s(ALNUM + "./", 22);
    cases.add(new Case("htpasswd-apr1", "deploy:" + apr, apr));
    String vault = s(HEX, 80) + "\n" + s(HEX, 80);
    cases.add(
        new Case(
            "ansible-vault",
            "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n" + vault,
            vault));
    String sb = s(B64, 43) + "=";
    cases.add(
        new Case(
            "azure-service-bus",
            "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey="
                + sb,
            sb));
    String session = s(B64, 300);
    cases.add(new Case("aws-session-token", "aws_session_token = " + session, session));
  }

  private String uuid() {
    return s(HEX, 8) + "-" + s(HEX, 4) + "-4" + s(HEX, 3) + "-a" + s(HEX, 3) + "-" + s(HEX, 12);
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

  List<String> benign() {
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
            "http://[::1]:8080/healthz 200",
            // look-alikes of the newer prefixes and of secrets on command lines
            "whsec_ prefixes a Stripe webhook signing secret",
            "tskey-auth keys are made in the Tailscale admin console",
            "sbp_ and sntrys_ tokens rotate monthly",
            "ya29 access tokens expire after an hour",
            "mysql -u app -h db.shop.svc orders",
            "curl -sS -u admin https://api.shop/v1 prompted for a password",
            "docker login registry.shop succeeded",
            "redis-cli -h cache ping returned PONG",
            "keytool -list -keystore truststore.jks",
            "machine api.shop.example login deploy",
            "sshpass is not installed on the runner",
            "helm upgrade shop ./chart --set replicaCount=3",
            "kubectl create secret generic db --from-file=./creds",
            "bcrypt cost factor 12 for user passwords",
            "$ANSIBLE_VAULT header missing in group_vars/all.yml",
            "SharedAccessKeyName=Root was rejected",
            "amzn.mws marketplace feed uploaded",
            "glc_ and glsa_ are Grafana's prefixes",
            "dckr_pat_ tokens need the read scope",
            "NRAK keys belong to New Relic users",
            "rnd_ and nfp_ tokens are hosting providers'",
            "AGE-SECRET-KEY-1 starts an age identity",
            "https://hooks.slack.com/services is the webhook base",
            "https://discord.com/api/webhooks answered 404",
            "pk_live_ publishable keys are public by design",
            "sk.eyJ prefix marks a Mapbox secret token",
            "oy2 prefix belongs to NuGet keys",
            "2/1234 items processed",
            "version 1.1.0-rc.2 of shop-api",
            "user-agent: Go-http-client/1.1",
            "rollout history: revision 7 (image checkout:2.4.1)",
            "GET /v1/accounts/acct_42/balance 200"));
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
