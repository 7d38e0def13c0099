/** Reading an incident back: its events as a causal timeline and the verification of its chain. */
package io.backstop.events.audit;
