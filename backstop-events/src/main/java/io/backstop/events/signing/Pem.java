package io.backstop.events.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks ({@code -----BEGIN <label>-----}), as {@code openssl genpkey} writes them. */
final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Pem() {}

  static boolean looksLikePem(String text) {
    return text != null && text.strip().startsWith("-----BEGIN ");
  }

  /** The DER bytes of the one block labelled {@code label}; anything else is a named error. */
  static byte[] decode(String text, String label) {
    Matcher m = BLOCK.matcher(text == null ? "" : text);
    if (!m.find()) {
      throw new KeyMaterialException("not a PEM block (expected -----BEGIN " + label + "-----)");
    }
    if (!m.group(1).equals(label)) {
      throw new KeyMaterialException(
          "a PEM block labelled " + m.group(1) + " where " + label + " was expected");
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(2).getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new KeyMaterialException("the " + label + " PEM block is not valid base64");
    }
  }

  static String encode(byte[] der, String label) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
