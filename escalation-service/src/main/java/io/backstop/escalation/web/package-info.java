/** The web console and its API: pages, JSON endpoints, who may do what (Spring Security). */
package io.backstop.escalation.web;
