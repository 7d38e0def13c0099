/** Commands that run incidents through a fresh local stack: the demo and scenarios. */
package io.backstop.cli.run;
