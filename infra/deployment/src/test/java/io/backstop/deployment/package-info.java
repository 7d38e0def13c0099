/** Tests of what a real cluster runs: the Helm chart, its admission policy and the images. */
package io.backstop.deployment;
