package io.backstop.cli.approvals;

import io.backstop.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a refusal or a failure is told on the terminal, and the exit status it gives. A refusal is
 * named (what kind of no it is, in the console's own words for it), explained by the console's
 * detail, and followed by what to do about it.
 */
final class Refusal {

  private Refusal() {}

  /** A kind of refusal: its name on the terminal and what the person can do about it. */
  enum Kind {
    NOT_AUTHENTICATED(
        "the console did not accept the token: pass --token, set $BACKSTOP_CONSOLE_TOKEN, or use"
            + " --as USER on the local stack"),
    FORBIDDEN(
        "your role does not allow this: approving and denying need the approver role, resets the"
            + " admin role"),
    NO_SUCH_APPROVAL("`backstop approvals list` shows the approvals there are"),
    EXPIRED(
        "the approval lapsed and the guardrail escalated it; nothing was written. Re-check the live"
            + " state before acting by hand"),
    ALREADY_DECIDED("it was already approved, denied or closed; nothing is decided twice"),
    SAME_APPROVER("you already approved it; a second approval must come from another person"),
    NOT_ALLOWED("this person may not decide approvals"),
    MALFORMED("the request was incomplete (a decision needs a comment)"),
    REFUSED("");

    final String hint;

    Kind(String hint) {
      this.hint = hint;
    }

    /** The name on the terminal: {@code not authenticated}, {@code expired}... */
    String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** From the console's answer: its named reason when it gave one, else its HTTP status. */
    static Kind of(ConsoleClient.Answer answer) {
      String reason = answer.body().path("reason").asString("");
      switch (reason) {
        case "UNAUTHENTICATED":
          return NOT_AUTHENTICATED;
        case "FORBIDDEN":
        case "CSRF":
          return FORBIDDEN;
        case "UNKNOWN_APPROVAL":
          return NO_SUCH_APPROVAL;
        case "EXPIRED":
          return EXPIRED;
        case "ALREADY_DECIDED":
          return ALREADY_DECIDED;
        case "SAME_APPROVER":
          return SAME_APPROVER;
        case "NOT_ALLOWED":
          return NOT_ALLOWED;
        case "MALFORMED":
          return MALFORMED;
        default:
          break;
      }
      return switch (answer.status()) {
        case 401 -> NOT_AUTHENTICATED;
        case 403 -> FORBIDDEN;
        case 404 -> NO_SUCH_APPROVAL;
        case 400 -> MALFORMED;
        default -> REFUSED;
      };
    }
  }

  /**
   * The console said no (401, 403, 404, 409, 400): one line naming the refusal, the console's
   * detail and HTTP status, and what to do; exit 1.
   */
  static int print(CommandSpec spec, ConsoleClient.Answer answer) {
    Kind kind = Kind.of(answer);
    spec.commandLine()
        .getErr()
        .println(
            "backstop: refused, "
                + kind.label()
                + " (HTTP "
                + answer.status()
                + "): "
                + answer.detail()
                + (kind.hint.isBlank() ? "" : ". " + kind.hint + "."));
    return ExitCodes.CHECK_FAILED;
  }

  /** The console could not be asked: exit 3. */
  static int failed(CommandSpec spec, ConsoleClient.ConsoleException e) {
    spec.commandLine().getErr().println("backstop: " + e.getMessage());
    return ExitCodes.FAILED;
  }
}
