/**
 * The HTTP face of the sandbox: routing, authentication, discovery, patches, dry run, subresources
 * and Kubernetes Status errors.
 */
package io.backstop.sandbox.api;
