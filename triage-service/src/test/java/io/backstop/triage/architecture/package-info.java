/** Architecture tests: triage can only read the cluster, and never touches a Secret. */
package io.backstop.triage.architecture;
