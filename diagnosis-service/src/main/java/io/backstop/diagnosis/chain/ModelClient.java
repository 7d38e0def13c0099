package io.backstop.diagnosis.chain;

import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;

/**
 * One model target behind the gateway. A call either returns the model's text with its token
 * counts, or throws {@link ModelCallException} saying how it failed. Implementations make exactly
 * one network call per invocation: retrying is the chain's business.
 */
public interface ModelClient {

  TargetSpec target();

  RawAnswer complete(DiagnosisPrompt prompt);
}
