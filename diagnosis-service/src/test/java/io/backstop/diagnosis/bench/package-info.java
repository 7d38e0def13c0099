/** Harnesses that measure the diagnosis path and print figures; never run as tests. */
package io.backstop.diagnosis.bench;
