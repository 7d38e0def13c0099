package io.backstop.guardrail.signing;

import io.backstop.events.signing.KeyMaterialException;
import io.backstop.events.signing.SignatureVerifier;
import io.backstop.events.signing.SigningKey;
import io.backstop.events.signing.TrustedKeys;
import io.backstop.guardrail.GuardrailProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the guardrail's key comes from: a PKCS#8 PEM file (a mounted Secret) or PEM text (an
 * environment variable fed from a Secret). Without one the service does not start: an executor
 * refuses every unsigned approval, so a guardrail that cannot sign could only fail every incident.
 * The key's id is logged; its material never is.
 */
public final class SigningKeys {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SigningKeys.class);

  private SigningKeys() {}

  public static SigningKey load(GuardrailProperties.Signing settings) {
    SigningKey key;
    if (settings != null && present(settings.privateKeyFile())) {
      key = SigningKey.fromFile(Path.of(settings.privateKeyFile().strip()));
    } else if (settings != null && present(settings.privateKey())) {
      key = SigningKey.fromPem(settings.privateKey());
    } else {
      throw new KeyMaterialException(
          "backstop.guardrail.signing.private-key-file (env BACKSTOP_GUARDRAIL_SIGNING_KEY_FILE)"
              + " or backstop.guardrail.signing.private-key (env BACKSTOP_GUARDRAIL_SIGNING_KEY)"
              + " must be set: the executor accepts only approvals the guardrail signed");
    }
    LOG.info("signing approvals and breaker resets with key {}", key.keyId());
    return key;
  }

  /**
   * The keys the guardrail accepts its own earlier signatures from when it replays the audit log:
   * its current key and any previous ones still listed during a rotation.
   */
  public static SignatureVerifier ownSignatures(
      SigningKey current, GuardrailProperties.Signing settings) {
    List<java.security.PublicKey> keys = new ArrayList<>();
    keys.add(current.publicKey());
    if (settings != null && !settings.previousPublicKeys().isEmpty()) {
      keys.addAll(
          settings.previousPublicKeys().stream()
              .filter(SigningKeys::present)
              .map(e -> TrustedKeys.fromPemOrFiles(List.of(e)))
              .flatMap(t -> t.keyIds().stream().map(id -> t.key(id).orElseThrow()))
              .toList());
    }
    return new SignatureVerifier(TrustedKeys.of(keys));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
