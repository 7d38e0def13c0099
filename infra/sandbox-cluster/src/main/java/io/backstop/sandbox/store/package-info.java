/** The object store: typed access to the fabric8 CRUD dispatcher's in-memory state. */
package io.backstop.sandbox.store;
