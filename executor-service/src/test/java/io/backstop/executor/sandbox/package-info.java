/** End-to-end tests of the write path against the sandbox cluster and its deployment controller. */
package io.backstop.executor.sandbox;
