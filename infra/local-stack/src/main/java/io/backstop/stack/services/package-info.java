/** Runs the five services, in this JVM as separate Spring contexts or as separate processes. */
package io.backstop.stack.services;
