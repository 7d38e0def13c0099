package io.backstop.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret patterns, most specific first: a PEM block or a JWT is replaced whole before the
 * generic {@code key=value} and entropy rules look at what is left.
 */
final class SecretRules {

  private static final String PASSWORD_KEYS = "pass(?:word|wd|phrase)?|pwd";
  private static final String TOKEN_KEYS = "token";
  private static final String SECRET_KEYS =
      "secret|api[_-]?key|apikey|access[_-]?key|account[_-]?key|private[_-]?key"
          + "|credentials?|auth[_-]?key|signing[_-]?key|session[_-]?key";

  /** Key suffixes that name a property of a secret (its count, its file), not the secret. */
  private static final Pattern BENIGN_KEY =
      Pattern.compile(
          "(?i).*(?:count|counts|limit|ttl|expiry|expires|expiresat|type|name|ref|file|path"
              + "|length|len|id|tokens|url|uri|required|enabled)$");

  private SecretRules() {}

  static List<SecretRule> all() {
    List<SecretRule> rules = new ArrayList<>(named());
    rules.addAll(VendorKeys.all());
    rules.addAll(CommandLineSecrets.all());
    rules.addAll(keyedValues());
    return List.copyOf(rules);
  }

  /** Secrets recognisable by their own shape, whatever surrounds them. */
  private static List<SecretRule> named() {
    return List.of(
        SecretRule.of(
                SecretKind.PRIVATE_KEY,
                "-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----[\\s\\S]*?"
                    + "(?:-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|\\z)")
            .when("-----begin"),
        SecretRule.of(
                SecretKind.JWT, "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*")
            .when("eyj"),
        SecretRule.of(
                SecretKind.URL_CREDENTIALS,
                "(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]{1,30}://[^\\s:/@]{0,256}:(?<secret>[^\\s@/]{1,256})@")
            .when("://"),
        SecretRule.caseInsensitive(
                SecretKind.BEARER, "\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})", m -> false)
            .when("bearer"),
        SecretRule.caseInsensitive(
                SecretKind.BASIC_AUTH,
                "authorization[\"']?\\s*[:=]\\s*[\"']?basic\\s+(?<secret>[A-Za-z0-9+/]{6,}={0,2})",
                m -> false)
            .when("basic"),
        SecretRule.of(
                SecretKind.AWS_ACCESS_KEY,
                "\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b")
            .when("akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "anpa", "anva", "aipa"),
        SecretRule.of(SecretKind.GCP_API_KEY, "\\bAIza[0-9A-Za-z_-]{35}").when("aiza"),
        SecretRule.caseInsensitive(
                SecretKind.AZURE_SAS, "[?&]sig=(?<secret>[A-Za-z0-9%+/=]{16,})", m -> false)
            .when("sig="),
        SecretRule.of(
                SecretKind.API_KEY,
                "\\b(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}"
                    + "|sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}"
                    + "|gh[pousr]_[A-Za-z0-9]{20,}"
                    + "|github_pat_[A-Za-z0-9_]{20,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}"
                    + "|glpat-[A-Za-z0-9_-]{20,}"
                    + "|npm_[A-Za-z0-9]{30,})")
            .when("sk_", "rk_", "sk-", "gh", "xox", "glpat-", "npm_"),
        // Vendors' key formats as each vendor documents them (the same catalogue open-source
        // scanners such as gitleaks keep): a prefix and a fixed-length body, often pure hex, which
        // the entropy rule alone would miss.
        SecretRule.of(
                SecretKind.API_KEY,
                "\\b(?:SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"
                    + "|SK[0-9a-fA-F]{32}"
                    + "|key-[0-9a-f]{32}"
                    + "|shp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}"
                    + "|do[opr]_v1_[0-9a-f]{64}"
                    + "|dapi[0-9a-f]{32}(?:-[0-9])?"
                    + "|PMAK-[0-9a-f]{24}-[0-9a-f]{34}"
                    + "|pul-[0-9a-f]{40}"
                    + "|sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}"
                    + "|hf_[A-Za-z0-9]{30,}"
                    + "|hvs\\.[A-Za-z0-9_-]{24,}"
                    + "|glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}"
                    + "|lin_api_[A-Za-z0-9]{40}"
                    + "|dp\\.pt\\.[A-Za-z0-9]{40,}"
                    + "|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"
                    + "|ATATT3[A-Za-z0-9_=-]{100,}"
                    + "|LTAI[A-Za-z0-9]{12,20}"
                    + "|AKID[A-Za-z0-9]{32})\\b")
            .when(
                "sg.",
                "sk",
                "key-",
                "shp",
                "_v1_",
                "dapi",
                "pmak-",
                "pul-",
                "sq0",
                "hf_",
                "hvs.",
                "glsa_",
                "lin_api_",
                "dp.pt.",
                "pypi-",
                "atatt3",
                "ltai",
                "akid"));
  }

  /** A value that only its key gives away: quoted first, then bare. */
  private static List<SecretRule> keyedValues() {
    return List.of(
        quotedValue(SecretKind.PASSWORD, PASSWORD_KEYS),
        quotedValue(SecretKind.TOKEN, TOKEN_KEYS),
        quotedValue(SecretKind.SECRET, SECRET_KEYS),
        bareValue(SecretKind.PASSWORD, PASSWORD_KEYS),
        bareValue(SecretKind.TOKEN, TOKEN_KEYS),
        bareValue(SecretKind.SECRET, SECRET_KEYS));
  }

  /** {@code "password": "two words"}, {@code secret='x'}: the whole quoted value. */
  private static SecretRule quotedValue(SecretKind kind, String keys) {
    return keyed(
        kind, keys, SecretRule.caseInsensitive(kind, quoted(key(keys)), SecretRules::benignKey));
  }

  /** {@code DB_PASSWORD=hunter2}, {@code token: abc}: the value up to a separator. */
  private static SecretRule bareValue(SecretKind kind, String keys) {
    return keyed(
        kind, keys, SecretRule.caseInsensitive(kind, bare(key(keys)), SecretRules::benignKey));
  }

  /** The quoted-value pattern after {@code key}. */
  static String quoted(String key) {
    return key + "[\"']?\\s*[:=]\\s*(?<q>[\"'])(?<secret>[^\"'\\n]{1,512})\\k<q>";
  }

  /** The bare-value pattern after {@code key}. */
  static String bare(String key) {
    return key + "[\"']?\\s*[:=]\\s*(?<secret>[^\\s\"',;}&)\\]]{3,512})";
  }

  /** The three key sets of the keyed rules: passwords, tokens, secrets. */
  static List<String> keySets() {
    return List.of(PASSWORD_KEYS, TOKEN_KEYS, SECRET_KEYS);
  }

  /**
   * Key rules run only where a key word appears at all (the texts' lower case contains it), and
   * then only where it stands in a key before a separator ({@link KeyedRuns}): every key word the
   * patterns accept holds one of these hints.
   */
  private static SecretRule keyed(SecretKind kind, String keys, SecretRule rule) {
    SecretRule hinted =
        switch (kind) {
          case PASSWORD -> rule.when("pass", "pwd");
          case TOKEN -> rule.when("token");
          default -> rule.when("secret", "key", "credential");
        };
    return hinted.asKeyed();
  }

  /**
   * The key: a whole run of key characters (nothing of the same class before it) standing before a
   * separator and containing one of {@code keys}. Written as two lookaheads (the run, then the
   * separator; the key word within the run) and the run taken whole and possessively, rather than
   * as {@code [A-Za-z0-9_.-]*(?:keys)[A-Za-z0-9_.-]*}: both match exactly the same runs (what
   * follows a key, a quote, white space, {@code :} or {@code =}, is never a key character, so the
   * plain form's run always ended where the run did), but the plain form tried the key words at
   * every split of every word of a text before failing on it. The review looks for secrets in
   * everything a model wrote, and a few proposals about credentials spent up to 140 µs of a review
   * there (JFR: seven tenths of their review). {@code KeyedValuePatternTest} holds the two forms to
   * the same matches.
   */
  static String key(String keys) {
    return "(?<key>(?<![A-Za-z0-9_.-])(?=[A-Za-z0-9_.-]*+[\"']?\\s*[:=])"
        + "(?=[A-Za-z0-9_.-]*?(?:"
        + keys
        + "))[A-Za-z0-9_.-]++)";
  }

  /** The plain form of {@link #key}, the reference the faster one is tested against. */
  static String plainKey(String keys) {
    return "(?<key>(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:" + keys + ")[A-Za-z0-9_.-]*)";
  }

  private static boolean benignKey(Matcher m) {
    return BENIGN_KEY.matcher(m.group("key")).matches();
  }
}
