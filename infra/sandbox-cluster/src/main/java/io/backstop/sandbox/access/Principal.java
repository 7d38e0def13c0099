package io.backstop.sandbox.access;

/** Who sent a request: the token's name (for the write log) and its role. */
public record Principal(String name, Role role) {}
