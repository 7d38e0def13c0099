/** Tests of the web console, its API and who may do what. */
package io.backstop.escalation.web;
