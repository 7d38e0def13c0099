/** Tests of backstop eval and backstop whatif. */
package io.backstop.cli.eval;
