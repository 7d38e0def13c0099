/**
 * The approval desk's rows: every decision ends in one fact, and no approval writes what a hard
 * rule stops.
 */
package io.backstop.guardrail.approval;
