/** Tests of the binder defaults. */
package io.backstop.stream.config;
