package io.backstop.triage.incident;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which incident an alert belongs to, and which workload it is about. The workload comes from the
 * first label present of {@code deployment}, {@code statefulset}, {@code pod} (a Deployment's pod
 * name {@code <name>-<template hash>-<suffix>} gives {@code <name>}), {@code workload}, {@code
 * app}, {@code service}, {@code job}. The group key joins the configured labels' values, with
 * {@code workload} standing for the derived name; an alert lacking all of them groups by its
 * alertname.
 */
public final class AlertGrouping {

  public static final String WORKLOAD = "workload";

  private static final Pattern DEPLOYMENT_POD = Pattern.compile("(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}");
  private static final Pattern STATEFUL_POD = Pattern.compile("(.+)-[0-9]+");
  private static final List<String> NAME_LABELS = List.of("workload", "app", "service", "job");

  private final GroupingPolicy policy;

  public AlertGrouping(GroupingPolicy policy) {
    this.policy = policy;
  }

  /** The group key, e.g. {@code namespace=shop|workload=checkout}. */
  public String groupKey(Map<String, String> labels) {
    StringBuilder key = new StringBuilder();
    boolean any = false;
    for (String label : policy.labels()) {
      String value =
          WORKLOAD.equals(label)
              ? workload(labels).map(WorkloadRef::name).orElse(null)
              : labels.get(label);
      any |= value != null;
      if (key.length() > 0) {
        key.append('|');
      }
      key.append(label).append('=').append(value == null ? "" : value);
    }
    return any ? key.toString() : "alertname=" + labels.getOrDefault("alertname", "");
  }

  /** A short stable hash of a group key, usable in ids and Kafka keys. */
  public static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The workload the alert is about, when its labels say. */
  public static Optional<WorkloadRef> workload(Map<String, String> labels) {
    String namespace = labels.get("namespace");
    if (blank(namespace)) {
      return Optional.empty();
    }
    return name(labels).map(n -> new WorkloadRef(n.kind(), namespace, n.name()));
  }

  private record Named(WorkloadKind kind, String name) {}

  private static Optional<Named> name(Map<String, String> labels) {
    if (!blank(labels.get("deployment"))) {
      return Optional.of(new Named(WorkloadKind.DEPLOYMENT, labels.get("deployment")));
    }
    if (!blank(labels.get("statefulset"))) {
      return Optional.of(new Named(WorkloadKind.STATEFULSET, labels.get("statefulset")));
    }
    String pod = labels.get("pod");
    if (!blank(pod)) {
      Matcher deployment = DEPLOYMENT_POD.matcher(pod);
      if (deployment.matches()) {
        return Optional.of(new Named(WorkloadKind.DEPLOYMENT, deployment.group(1)));
      }
      Matcher stateful = STATEFUL_POD.matcher(pod);
      if (stateful.matches()) {
        return Optional.of(new Named(WorkloadKind.STATEFULSET, stateful.group(1)));
      }
    }
    return NAME_LABELS.stream()
        .filter(l -> !blank(labels.get(l)))
        .findFirst()
        .map(l -> new Named(WorkloadKind.DEPLOYMENT, labels.get(l)));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
