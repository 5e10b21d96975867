/**
 * The REST side of the gateway: controllers that translate HTTP into the application's incoming
 * ports, the bearer-token gate in front of them, and the one mapping of failures to contract codes
 * ({@link parley.adapter.in.web.Failure}, shared with the sockets; RFC 9457 problems over REST).
 * Its driven adapters, JWT tokens and Argon2 hashing (and, in {@code socket}, the delivery to
 * connected sockets), carry {@link parley.adapter.in.web.DrivenAdapter}. Classes are
 * package-private but for what the socket sub-package or the boot module must name
 * ({@code Failure}, {@code MessageJson}, {@code DrivenAdapter}); the boot module finds the rest by
 * component scan ({@code parley.adapter.in.web}) and binds the settings by
 * {@code @ConfigurationPropertiesScan}.
 */
package parley.adapter.in.web;
