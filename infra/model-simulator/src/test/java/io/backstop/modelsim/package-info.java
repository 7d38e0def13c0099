/** Tests of the model simulator over plain HTTP, one per scripted behaviour. */
package io.backstop.modelsim;
