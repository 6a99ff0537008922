package io.hearth.runtime.device;

/**
 * The Java type a {@link Capability}'s reading value has: NUMBER is a Double, BOOLEAN a Boolean.
 */
public enum ValueType {
  NUMBER,
  BOOLEAN,
  STRING
}
