/** What triage gathered: evidence items, rollout history, workload inventory and symptoms. */
package io.backstop.events.signal;
