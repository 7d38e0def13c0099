/** Who may read and write which topic: the one table the broker's ACLs are made from. */
package io.backstop.events.access;
