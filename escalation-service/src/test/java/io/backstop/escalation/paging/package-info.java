/** Tests of the Events v2 client against the local pager inbox over real HTTP. */
package io.backstop.escalation.paging;
