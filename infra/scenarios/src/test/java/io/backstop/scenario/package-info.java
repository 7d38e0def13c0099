/** Tests of the scenario format, the loader's named errors and the shipped scenarios' data. */
package io.backstop.scenario;
