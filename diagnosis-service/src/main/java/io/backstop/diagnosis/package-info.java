/**
 * diagnosis-service: structured diagnosis through the model gateway, a priority fallback chain and
 * an offline analyzer.
 */
package io.backstop.diagnosis;
