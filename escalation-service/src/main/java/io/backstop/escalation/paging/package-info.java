/** Paging adapter: a client for the PagerDuty Events API v2, with bounded retries. */
package io.backstop.escalation.paging;
