package io.backstop.sandbox.api;

/**
 * A request the sandbox refuses, carried to the response as a Kubernetes {@code Status}: HTTP code,
 * Kubernetes reason ({@code Forbidden}, {@code NotFound}, {@code UnsupportedMediaType}...) and a
 * message naming what was wrong.
 */
public class ApiException extends RuntimeException {

  private final int code;
  private final String reason;

  public ApiException(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NotFound", message);
  }

  public static ApiException invalid(String message) {
    return new ApiException(422, "Invalid", message);
  }

  public static ApiException notImplemented(String message) {
    return new ApiException(
        501, "NotImplemented", "the sandbox cluster does not support " + message);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
