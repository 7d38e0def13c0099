package io.backstop.triage.intake;

import java.util.List;

/** The answer to an accepted delivery: how many alerts were handed on, and their event ids. */
public record IntakeReceipt(int accepted, List<String> eventIds) {}
