/**
 * The use cases of Parley. {@code port.in} holds one interface per use case of the wire contract,
 * {@code port.out} the capabilities they need from the outside world (time is the JDK's
 * {@link java.time.InstantSource}), and {@code service} the implementations, free of any framework.
 */
package parley.application;
