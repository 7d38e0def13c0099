/** {@code backstop approvals}: pending approvals from a shell, over the console's API. */
package io.backstop.cli.approvals;
