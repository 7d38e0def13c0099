/** The {@code backstop} command line: one top command and its subcommands. */
package io.backstop.cli;
