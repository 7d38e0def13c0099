/** Tests of how the simulator resolves evidence citations. */
package io.backstop.modelsim.answer;
