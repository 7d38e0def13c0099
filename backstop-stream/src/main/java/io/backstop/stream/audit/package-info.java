/** Reading the compacted audit topic back as incident timelines. */
package io.backstop.stream.audit;
