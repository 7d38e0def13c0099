/** Tests of the scenario reading parts: durations, quantities, classpath listing. */
package io.backstop.scenario.load;
