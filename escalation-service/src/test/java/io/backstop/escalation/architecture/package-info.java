/** Architecture rules of the escalation service, checked by ArchUnit. */
package io.backstop.escalation.architecture;
