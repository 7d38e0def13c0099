/** The side-by-side demo: the same alert and the same lying model, a naive agent and Backstop. */
package io.backstop.stack.demo;
