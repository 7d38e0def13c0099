/** Reading incidents back from the audit log and verifying their hash chains. */
package io.backstop.cli.audit;
