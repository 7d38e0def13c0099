/** Tests of the alert rules, the Alertmanager config and the loopback launcher. */
package io.backstop.prometheus;
