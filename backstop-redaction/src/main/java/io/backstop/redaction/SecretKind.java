package io.backstop.redaction;

/**
 * The kinds of secret the redactor recognises; each names its marker, e.g. {@code [REDACTED:JWT]}.
 */
public enum SecretKind {
  PRIVATE_KEY,
  JWT,
  URL_CREDENTIALS,
  BEARER,
  BASIC_AUTH,
  AWS_ACCESS_KEY,
  GCP_API_KEY,
  AZURE_SAS,
  API_KEY,
  PASSWORD,
  SECRET,
  TOKEN,
  HIGH_ENTROPY;

  public String marker() {
    return "[REDACTED:" + name() + "]";
  }
}
