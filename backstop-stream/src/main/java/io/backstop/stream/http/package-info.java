/** What every service's outbound HTTP calls share: reading a receiver's {@code Retry-After}. */
package io.backstop.stream.http;
