/** Re-judging recorded incidents under another policy file, with no side effects. */
package io.backstop.eval.whatif;
