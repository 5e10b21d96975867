package parley.adapter.in.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How access tokens are made and checked ({@code parley.auth.*}).
 *
 * @param jwtSecret     the HS256 key as UTF-8 text, at least 32 bytes. It has no default on purpose:
 *                      a built-in key would be public, so anyone could mint tokens for any user
 * @param issuer        the {@code iss} claim tokens carry and verification demands
 * @param tokenLifetime how long an access token is valid after it is issued
 * @param clockSkew     how far apart the clocks of two gateways may be when one checks the other's
 *                      token's {@code exp} and {@code nbf}
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies in front of the gateway, whose
 *                      {@code X-Forwarded-For} names the client (none by default: the TCP peer is the client)
 */
@ConfigurationProperties("parley.auth")
record AuthSettings(
        String jwtSecret,
        @DefaultValue("parley") String issuer,
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue({}) List<String> trustedProxies) {

    @Override
    public String toString() {
        // settings get logged by frameworks and people alike; the key must never be among them
        return "AuthSettings[issuer=" + issuer + ", tokenLifetime=" + tokenLifetime + ", clockSkew=" + clockSkew
                + ", trustedProxies=" + trustedProxies + "]";
    }
}
