/** Unit tests of the record layout: audit partitioning and CloudEvents headers. */
package io.backstop.stream.publish;
