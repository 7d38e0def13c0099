/** Tests of the incident bundle rendering over the shared fixture mothers. */
package io.backstop.escalation.bundle;
