package io.backstop.events.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * A service's Ed25519 private key, with the id of its public key. Read from a PKCS#8 PEM ({@code
 * openssl genpkey -algorithm ed25519}), from a file (a mounted Secret) or from text (an environment
 * variable). It never prints its material: {@link #toString()} names the key id only, and every
 * error names the source, never the content.
 */
public final class SigningKey {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = KeyIds.of(publicKey);
  }

  /** A new random key pair (the local stack's, and tests'). */
  public static SigningKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every Java 17 platform", e);
    }
  }

  public static SigningKey fromFile(Path file) {
    try {
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new KeyMaterialException("cannot read the signing key file " + file, e);
    } catch (KeyMaterialException e) {
      throw new KeyMaterialException("the signing key file " + file + ": " + e.getMessage(), e);
    }
  }

  public static SigningKey fromPem(String pem) {
    byte[] der = Pem.decode(pem, "PRIVATE KEY");
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new SigningKey(key, publicKeyOf(key));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new KeyMaterialException("the private key is not an Ed25519 PKCS#8 key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * The public half, derived the way the JDK derives it at generation: an Ed25519 private key is
   * its 32-byte seed, so generating a pair from that seed gives the same private key and its public
   * key. The result is checked, so a platform that generated otherwise fails here, not later.
   */
  private static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
    Optional<byte[]> seed = ((EdECPrivateKey) key).getBytes();
    if (seed.isEmpty()) {
      throw new KeyMaterialException("the private key's seed cannot be read");
    }
    byte[] bytes = seed.get();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(bytes));
    KeyPair pair = generator.generateKeyPair();
    Optional<byte[]> again = ((EdECPrivateKey) pair.getPrivate()).getBytes();
    boolean same = again.isPresent() && Arrays.equals(again.get(), bytes);
    Arrays.fill(bytes, (byte) 0);
    again.ifPresent(b -> Arrays.fill(b, (byte) 0));
    if (!same) {
      throw new KeyMaterialException("could not derive the public key of the private key");
    }
    return pair.getPublic();
  }

  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  /** The private key as PKCS#8 PEM, to write to a 0600 file; handle as a secret. */
  public String privatePem() {
    return Pem.encode(privateKey.getEncoded(), "PRIVATE KEY");
  }

  /** The public key as X.509 PEM, for the services that verify. */
  public String publicPem() {
    return Pem.encode(publicKey.getEncoded(), "PUBLIC KEY");
  }

  @Override
  public String toString() {
    return "SigningKey[keyId=" + keyId + "]";
  }

  /** Hands the generator exactly the seed, once. */
  private static final class SeedRandom extends SecureRandom {
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != seed.length) {
        throw new IllegalStateException("unexpected request for " + out.length + " bytes");
      }
      System.arraycopy(seed, 0, out, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
    }
  }
}
