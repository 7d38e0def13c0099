/**
 * The gateway adapter: Spring AI's OpenAI client, one per target. No Spring AI type leaves here.
 */
package io.backstop.diagnosis.llm;
