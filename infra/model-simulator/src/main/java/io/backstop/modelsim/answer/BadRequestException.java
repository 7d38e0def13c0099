package io.backstop.modelsim.answer;

/** A request the simulator cannot answer; it becomes a 400 in the OpenAI error shape. */
public final class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message);
  }
}
