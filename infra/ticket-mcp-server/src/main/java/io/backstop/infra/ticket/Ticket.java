package io.backstop.infra.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One ticket: its id ({@code BKS-1}), the incident it belongs to, title, severity, status, the
 * Markdown body and the comments appended since, oldest first.
 */
public record Ticket(
    String id,
    String incidentId,
    String title,
    String severity,
    String status,
    String body,
    List<Comment> comments,
    List<String> labels,
    Instant createdAt,
    Instant updatedAt) {

  public Ticket {
    comments = List.copyOf(comments == null ? List.of() : comments);
    labels = List.copyOf(labels == null ? List.of() : labels);
  }

  /** A comment appended by an update. */
  public record Comment(Instant at, String text) {}

  Ticket updated(String comment, String newBody, String newStatus, Instant at) {
    List<Comment> all = new ArrayList<>(comments);
    if (comment != null && !comment.isBlank()) {
      all.add(new Comment(at, comment));
    }
    return new Ticket(
        id,
        incidentId,
        title,
        severity,
        newStatus == null || newStatus.isBlank() ? status : newStatus,
        newBody == null || newBody.isBlank() ? body : newBody,
        all,
        labels,
        createdAt,
        at);
  }

  /** The ticket as a person reads it. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(id).append(": ").append(title).append("\n\n");
    md.append("- incident: ").append(incidentId).append('\n');
    md.append("- severity: ").append(severity).append('\n');
    md.append("- status: ").append(status).append('\n');
    md.append("- labels: ").append(String.join(", ", labels)).append("\n\n");
    md.append(body).append('\n');
    for (Comment c : comments) {
      md.append("\n---\n\n**Update ").append(c.at()).append("**\n\n").append(c.text()).append('\n');
    }
    return md.toString();
  }
}
