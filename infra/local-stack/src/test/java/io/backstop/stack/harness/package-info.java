/** Harnesses that print what triage costs against the sandbox cluster; not tests. */
package io.backstop.stack.harness;
