/**
 * The live Deployment as the API server reports it, read-only: what every check, plan and
 * verification reads.
 */
package io.backstop.executor.live;
