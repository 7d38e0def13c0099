/** Probes of a running service while its broker goes away. */
package io.backstop.diagnosis.health;
