/** Alert vocabulary shared by intake and paging. */
package io.backstop.events.alert;
