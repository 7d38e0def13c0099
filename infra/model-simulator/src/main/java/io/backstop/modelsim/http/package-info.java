/** The simulator's HTTP endpoints on the JDK's HttpServer: OpenAI API and simulator control. */
package io.backstop.modelsim.http;
