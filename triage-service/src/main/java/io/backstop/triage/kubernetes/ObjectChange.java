package io.backstop.triage.kubernetes;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import java.time.Instant;

/**
 * When a Secret or ConfigMap was created and last written, and by which field manager, read from
 * its metadata alone ({@code lastWrite} is the latest {@code managedFields} time, else the
 * creation; {@code writer} is "" when the cluster does not say).
 */
public record ObjectChange(
    ConfigKind kind,
    String namespace,
    String name,
    Instant created,
    Instant lastWrite,
    String writer) {

  public ObjectChange {
    writer = writer == null ? "" : writer;
    lastWrite = lastWrite == null ? created : lastWrite;
  }
}
