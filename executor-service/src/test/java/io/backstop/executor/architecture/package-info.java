/** Architecture tests: the write path is one class in this module, and it is narrow. */
package io.backstop.executor.architecture;
