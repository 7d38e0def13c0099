package io.backstop.sandbox.access;

/** Kubernetes request verbs, derived from the HTTP method and whether a name was given. */
public enum Verb {
  GET,
  LIST,
  WATCH,
  CREATE,
  UPDATE,
  PATCH,
  DELETE,
  DELETECOLLECTION;

  public boolean isWrite() {
    return this != GET && this != LIST && this != WATCH;
  }
}
