/**
 * The priority fallback chain: retries, circuit breakers, latency routing and per-incident caps.
 */
package io.backstop.diagnosis.chain;
