/** The evaluation corpus: case files, their loader, and the events each case stands for. */
package io.backstop.eval.corpus;
