/** Tests of the contract's ids. */
package io.backstop.events.id;
