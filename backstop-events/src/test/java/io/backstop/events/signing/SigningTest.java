package io.backstop.events.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.ActionApproved;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class SigningTest {

  final SignatureVerifier verifier = Keys.verifier();

  @Test
  void anApprovalSignedByTheGuardrailVerifiesOverTheBytesAsSentAndItsHashCoversTheSignature() {
    ActionApproved signed = Keys.signedByGuardrail(Decisions.rollbackApproved());
    byte[] sent = EventCodec.encode(signed);

    verifier.verify(EventCodec.decode(sent), sent);
    assertThat(EventCodec.verify(sent).header().signature()).isEqualTo(signed.header().signature());
    assertThat(signed.header().signature().keyId()).isEqualTo(Keys.guardrail().keyId());
  }

  @Test
  void anUnsignedApprovalIsRefused() {
    ActionApproved unsigned = Decisions.rollbackApproved();
    byte[] sent = EventCodec.encode(unsigned);

    assertThatThrownBy(() -> verifier.verify(unsigned, sent))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("not signed");
  }

  @Test
  void anApprovalSignedByAnUntrustedKeyIsRefused() {
    ActionApproved forged = Keys.signedByAttacker(Decisions.rollbackApproved());
    byte[] sent = EventCodec.encode(forged);

    assertThatThrownBy(() -> verifier.verify(forged, sent))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("not trusted");
  }

  @Test
  void anApprovalEditedAfterSigningIsRefusedEvenWhenResealed() {
    ActionApproved signed = Keys.signedByGuardrail(Decisions.rollbackApproved());
    ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(signed));
    ((ObjectNode) tree.get("action")).put("toRevision", 1);
    ((ObjectNode) tree.get("header")).remove("hash");
    ActionApproved edited =
        EventCodec.seal(
            EventCodec.decode(EventCodec.mapper().writeValueAsBytes(tree), ActionApproved.class));
    byte[] sent = EventCodec.encode(edited);

    assertThatThrownBy(() -> verifier.verify(edited, sent))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aSignatureCopiedFromAnotherApprovalDoesNotVerify() {
    ActionApproved one = Keys.signedByGuardrail(Decisions.rollbackApproved());
    ActionApproved other = Decisions.rollbackApproved();
    ActionApproved stolen =
        EventCodec.seal(
            other.withHeader(
                other
                    .header()
                    .withSignature(one.header().signature())
                    .withIncident(io.backstop.events.id.IncidentId.of("inc-other"))));

    assertThat(verifier.isSigned(stolen)).isFalse();
  }

  @Test
  void aFieldANewerGuardrailAddedIsCoveredByTheSignatureAndStillVerifiesHere() throws Exception {
    ActionApproved signed = Decisions.rollbackApproved();
    ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(signed));
    tree.putArray("watchers").add("alice@example.com");
    byte[] newer = EventCodec.mapper().writeValueAsBytes(tree);
    byte[] signedForm = EventCodec.signedBytes(newer);
    java.security.Signature ed = signer(signedForm);
    ((ObjectNode) tree.get("header"))
        .putObject("signature")
        .put("keyId", Keys.guardrail().keyId())
        .put("value", java.util.Base64.getEncoder().encodeToString(ed.sign()));
    ((ObjectNode) tree.get("header"))
        .put("hash", EventCodec.hash(EventCodec.mapper().writeValueAsBytes(tree)));
    byte[] sent = EventCodec.mapper().writeValueAsBytes(tree);

    verifier.verify(EventCodec.decode(sent), sent);
    ((ObjectNode) tree).putArray("watchers").add("mallory@example.com");
    byte[] changed = EventCodec.mapper().writeValueAsBytes(tree);
    assertThatThrownBy(() -> verifier.verify(EventCodec.decode(changed), changed))
        .isInstanceOf(EventSignatureException.class);
  }

  @Test
  void aKeyReadFromPemDerivesTheSamePublicKeyOpensslWrote() {
    SigningKey key = SigningKey.fromPem(Keys.GUARDRAIL_PRIVATE_PEM);

    assertThat(key.publicPem().replace("\n", ""))
        .isEqualTo(Keys.GUARDRAIL_PUBLIC_PEM.replace("\n", ""));
    assertThat(SigningKey.fromPem(key.privatePem()).keyId()).isEqualTo(key.keyId());
  }

  @Test
  void aKeyNeverPrintsItsMaterial(@TempDir Path dir) throws Exception {
    SigningKey key = Keys.guardrail();
    String body = Keys.GUARDRAIL_PRIVATE_PEM.split("\n")[1];

    assertThat(key.toString()).doesNotContain(body).contains(key.keyId());
    Path file = dir.resolve("key.pem");
    Files.writeString(
        file, "-----BEGIN PRIVATE KEY-----\n" + body + "X\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> SigningKey.fromFile(file))
        .isInstanceOf(KeyMaterialException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body));
  }

  @Test
  void rotationTrustsTheOldAndTheNewKeyUntilTheOldIsRemoved(@TempDir Path dir) throws Exception {
    SigningKey next = SigningKey.generate();
    Path nextFile = dir.resolve("next.pub.pem");
    Files.writeString(nextFile, next.publicPem(), StandardCharsets.US_ASCII);
    var both =
        new SignatureVerifier(
            TrustedKeys.fromPemOrFiles(List.of(Keys.GUARDRAIL_PUBLIC_PEM, nextFile.toString())));
    var onlyNew = new SignatureVerifier(TrustedKeys.fromPemOrFiles(List.of(nextFile.toString())));
    ActionApproved old = Keys.signedByGuardrail(Decisions.rollbackApproved());
    ActionApproved fresh =
        EventCodec.seal(new EventSigner(next).sign(Decisions.rollbackApproved()));

    assertThat(both.isSigned(old)).isTrue();
    assertThat(both.isSigned(fresh)).isTrue();
    assertThat(onlyNew.isSigned(old)).isFalse();
    assertThat(onlyNew.isSigned(fresh)).isTrue();
  }

  @Test
  void anEmptyTrustStoreIsAConfigurationErrorNotAnAcceptAll() {
    assertThatThrownBy(() -> TrustedKeys.fromPemOrFiles(List.of(" ")))
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("no trusted public key");
  }

  /** Signs as a newer guardrail would: straight over the document's signed form. */
  private static java.security.Signature signer(byte[] data) throws Exception {
    java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
    ed.initSign(
        java.security.KeyFactory.getInstance("Ed25519")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    java.util.Base64.getMimeDecoder()
                        .decode(Keys.GUARDRAIL_PRIVATE_PEM.split("\n")[1]))));
    ed.update(data);
    return ed;
  }
}
