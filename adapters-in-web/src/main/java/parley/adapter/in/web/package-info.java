/**
 * The REST side of the gateway: controllers that translate HTTP into the application's incoming
 * ports, the bearer-token gate in front of them, JWT and Argon2 implementations of the token and
 * hashing ports, and the one error vocabulary (RFC 9457 problems with stable codes) every failure
 * is answered in. Everything here is package-private; the boot module finds it by component scan
 * ({@code parley.adapter.in.web}) and binds {@link parley.adapter.in.web.AuthSettings} by
 * {@code @ConfigurationPropertiesScan}.
 */
package parley.adapter.in.web;
