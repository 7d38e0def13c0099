package io.backstop.events.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public keys a consumer accepts signatures from, by key id. More than one during a key
 * rotation (the old and the new guardrail key), never none: an empty set would accept nothing, so
 * it is refused at configuration time instead of failing every event later.
 */
public final class TrustedKeys {

  private final Map<String, PublicKey> byId;

  private TrustedKeys(Map<String, PublicKey> byId) {
    if (byId.isEmpty()) {
      throw new KeyMaterialException(
          "no trusted public key configured: every signed event would be refused");
    }
    this.byId = Map.copyOf(byId);
  }

  public static TrustedKeys of(PublicKey... keys) {
    return of(List.of(keys));
  }

  public static TrustedKeys of(Collection<PublicKey> keys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (PublicKey key : keys) {
      if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
        throw new KeyMaterialException("a trusted key is " + key.getAlgorithm() + ", not Ed25519");
      }
      byId.put(KeyIds.of(key), key);
    }
    return new TrustedKeys(byId);
  }

  /**
   * Keys given as PEM text or as paths of PEM files ({@code -----BEGIN PUBLIC KEY-----}), one entry
   * each; blank entries are ignored.
   */
  public static TrustedKeys fromPemOrFiles(Collection<String> entries) {
    return of(
        entries.stream().filter(e -> e != null && !e.isBlank()).map(TrustedKeys::read).toList());
  }

  private static PublicKey read(String entry) {
    String pem = entry;
    if (!Pem.looksLikePem(entry)) {
      try {
        pem = Files.readString(Path.of(entry.strip()), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new KeyMaterialException("cannot read the public key file " + entry.strip(), e);
      }
    }
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY")));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("a trusted public key is not an Ed25519 X.509 key", e);
    }
  }

  public Optional<PublicKey> key(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  public Set<String> keyIds() {
    return byId.keySet();
  }

  @Override
  public String toString() {
    return "TrustedKeys" + keyIds();
  }
}
