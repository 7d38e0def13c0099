/** HTTP intake: the Alertmanager webhook and the generic alert form, validated and size-limited. */
package io.backstop.triage.intake;
