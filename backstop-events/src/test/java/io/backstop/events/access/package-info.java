/** Tests of the access table. */
package io.backstop.events.access;
