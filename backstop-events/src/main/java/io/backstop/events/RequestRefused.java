package io.backstop.events;

import io.backstop.events.approval.RefusalReason;
import io.backstop.events.id.ActionId;

/**
 * A person's request was refused, on the record: a decision the guardrail would not count (unknown
 * or expired approval, the same approver twice), or a console request that authentication, roles or
 * CSRF protection turned away. {@code actionId} is absent when the request named no approval;
 * {@code principal} is {@code anonymous} when no one was authenticated. Audit only: a refusal
 * changes nothing.
 */
public record RequestRefused(
    EventHeader header,
    ActionId actionId,
    String principal,
    String origin,
    String request,
    RefusalReason reason,
    String detail)
    implements IncidentEvent {

  public static final String ANONYMOUS = "anonymous";

  public RequestRefused {
    Require.present(header, "header");
    principal = principal == null || principal.isBlank() ? ANONYMOUS : principal;
    origin = origin == null ? "" : origin;
    Require.text(request, "request");
    Require.present(reason, "reason");
    detail = detail == null ? "" : detail;
  }

  @Override
  public RequestRefused withHeader(EventHeader newHeader) {
    return new RequestRefused(newHeader, actionId, principal, origin, request, reason, detail);
  }
}
