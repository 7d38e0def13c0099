/** Tests of the shared Retry-After reading. */
package io.backstop.stream.http;
