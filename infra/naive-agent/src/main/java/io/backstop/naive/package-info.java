/**
 * The naive agent: the demo's baseline, not part of Backstop. It asks the same model, holds every
 * tool (destructive ones included) with admin credentials, and does what the model says.
 */
package io.backstop.naive;
