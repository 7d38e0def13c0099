/** The evaluation's figures as a terminal table, JSON and an HTML report. */
package io.backstop.eval.report;
