package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import java.util.Optional;

/** One rule of the offline analyzer: a diagnosis when the findings match, else empty. */
interface Rule {

  Optional<Diagnosis> apply(Findings findings);
}
