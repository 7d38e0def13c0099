/** What the simulator answers: requests read, diagnoses rendered, OpenAI-shaped replies. */
package io.backstop.modelsim.answer;
