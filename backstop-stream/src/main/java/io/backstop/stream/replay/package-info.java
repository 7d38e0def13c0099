/** Reading a compacted topic back from its beginning to its end, to rebuild state. */
package io.backstop.stream.replay;
