/**
 * The facts policies read: computed in Java from a proposal and its signals, exposed as plain
 * values.
 */
package io.backstop.safety.facts;
