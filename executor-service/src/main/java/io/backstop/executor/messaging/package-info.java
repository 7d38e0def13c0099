/** The function beans: approvals in, outcomes and escalations out; breaker resets in. */
package io.backstop.executor.messaging;
