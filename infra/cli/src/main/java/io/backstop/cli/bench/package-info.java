/** {@code backstop bench}: the performance harness. */
package io.backstop.cli.bench;
