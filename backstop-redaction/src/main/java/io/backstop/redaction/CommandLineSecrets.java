package io.backstop.redaction;

import java.util.List;

/**
 * Passwords as scripts and tools pass them, which key-value rules miss because the value follows a
 * flag or a word rather than {@code =} or {@code :}: {@code mysql -pSECRET}, {@code sshpass -p},
 * {@code curl -u user:SECRET}, {@code keytool -storepass}, {@code docker login -p}, {@code
 * redis-cli -a}, a {@code .netrc} line; and stored secrets in their own formats: crypt-style
 * password hashes (htpasswd, bcrypt, SHA-crypt) and Ansible Vault bodies.
 */
final class CommandLineSecrets {

  private CommandLineSecrets() {}

  static List<SecretRule> all() {
    return List.of(
        password("\\bmysql(?:dump|admin)?\\b[^\\n]*?\\s-p(?<secret>[^\\s-]\\S*)", "mysql"),
        password("\\bsshpass\\s+-p\\s*(?<secret>\\S+)", "sshpass"),
        password("\\bcurl\\b[^\\n]*?\\s(?:-u|--user)\\s+[^:\\s]+:(?<secret>[^\\s'\"]+)", "curl"),
        password("\\s-(?:src|dest)?(?:store|key)pass\\s+(?<secret>\\S+)", "pass"),
        password(
            "\\bdocker\\s+login\\b[^\\n]*?\\s(?:-p|--password)[\\s=]+(?<secret>\\S+)", "docker"),
        password("\\bredis-cli\\b[^\\n]*?\\s(?:-a|--pass)\\s+(?<secret>\\S+)", "redis-cli"),
        password("\\bmachine\\s+\\S+\\s+login\\s+\\S+\\s+password\\s+(?<secret>\\S+)", "machine"),
        SecretRule.of(SecretKind.PASSWORD, "\\$(?:apr1|2[abxy]|5|6|y)\\$[./A-Za-z0-9$]{20,}")
            .when("$"),
        SecretRule.of(
                SecretKind.SECRET,
                "\\$ANSIBLE_VAULT;[0-9.]+;AES256(?:;[^\\n]*)?[ \\t]*\\n"
                    + "(?<secret>(?:[ \\t]*[0-9a-f]{20,}(?:\\n|\\z))+)")
            .when("$ansible_vault"));
  }

  private static SecretRule password(String regex, String hint) {
    return SecretRule.caseInsensitive(SecretKind.PASSWORD, regex, m -> false).when(hint);
  }
}
