/** Defaults every service gets: transactional binder, read_committed, topics, dead letters. */
package io.backstop.stream.config;
