/**
 * The local counterpart of PagerDuty's Events API v2: a pager inbox for the local stack and tests.
 */
package io.backstop.infra.pager;
