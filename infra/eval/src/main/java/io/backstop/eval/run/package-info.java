/** Running the corpus through the live guardrail's review path, and scoring what it decided. */
package io.backstop.eval.run;
