/** Signals mothers for every shipped scenario kind, built on the shared fixtures. */
package io.backstop.diagnosis.scenarios;
