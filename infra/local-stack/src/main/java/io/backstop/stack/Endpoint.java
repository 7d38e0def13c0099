package io.backstop.stack;

/** Something the stack serves, for the ready message. */
public record Endpoint(String name, String address) {}
