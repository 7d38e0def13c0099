/** Starting and stopping the local stack. */
package io.backstop.cli.stack;
