/** Health that answers at once: the broker's reachability as last observed, never awaited. */
package io.backstop.stream.health;
