/** What a model (or the offline analyzer) proposed, and every call it took to get there. */
package io.backstop.events.diagnosis;
