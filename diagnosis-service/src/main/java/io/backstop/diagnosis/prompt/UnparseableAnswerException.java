package io.backstop.diagnosis.prompt;

/** A model's text is not a diagnosis: not JSON, a required field missing, or a wrong type. */
public final class UnparseableAnswerException extends RuntimeException {

  public UnparseableAnswerException(String reason) {
    super(reason);
  }

  public UnparseableAnswerException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
