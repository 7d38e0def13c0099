/** Tests that start the real local broker. */
package io.backstop.localkafka;
