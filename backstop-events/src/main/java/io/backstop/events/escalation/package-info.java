/** Why a human was asked to take over, and how the page and ticket were delivered. */
package io.backstop.events.escalation;
