/** Tests of the backstop command line, against a real local broker. */
package io.backstop.cli;
