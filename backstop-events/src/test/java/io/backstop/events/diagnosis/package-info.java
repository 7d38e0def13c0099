/** Tests of the diagnosis vocabulary. */
package io.backstop.events.diagnosis;
