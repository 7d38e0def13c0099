/** The prompt a model is given and the strict reading of what it answers. */
package io.backstop.diagnosis.prompt;
