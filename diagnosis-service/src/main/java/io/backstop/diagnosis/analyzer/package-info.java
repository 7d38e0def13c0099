/** The offline rule-based analyzer: a deterministic diagnosis from the signals alone. */
package io.backstop.diagnosis.analyzer;
