/** {@code backstop chaos}: the chaos suite against local stacks it starts itself. */
package io.backstop.cli.chaos;
