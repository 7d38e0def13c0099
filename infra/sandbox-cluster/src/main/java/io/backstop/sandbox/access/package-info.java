/** Who may do what: bearer tokens mapped to roles, and the per-role permission rules. */
package io.backstop.sandbox.access;
