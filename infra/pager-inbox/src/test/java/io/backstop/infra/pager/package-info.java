/** Tests of the local pager inbox over real HTTP. */
package io.backstop.infra.pager;
