/**
 * Test-side Kubernetes API server: the fabric8 mock plus dry run, scale, tokens and a controller.
 */
package io.backstop.executor.apiserver;
