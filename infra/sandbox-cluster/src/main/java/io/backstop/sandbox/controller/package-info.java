/**
 * The simulated controllers: Deployments to ReplicaSets to pods, StatefulSets to pods, Events, and
 * scenario loading.
 */
package io.backstop.sandbox.controller;
