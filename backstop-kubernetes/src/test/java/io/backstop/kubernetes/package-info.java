/** Tests of credential selection, against the fabric8 mock server over TLS. */
package io.backstop.kubernetes;
