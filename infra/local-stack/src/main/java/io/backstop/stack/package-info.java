/**
 * The local stack: every part of Backstop and its local counterparts, started and stopped as one.
 */
package io.backstop.stack;
