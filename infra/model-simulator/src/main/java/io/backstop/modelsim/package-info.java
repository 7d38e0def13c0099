/**
 * The model simulator: an OpenAI-compatible server that answers per model as a scenario scripts it.
 */
package io.backstop.modelsim;
