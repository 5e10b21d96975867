package parley.adapter.in.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Who a request comes from, for the per-address limits: the TCP peer, unless the peer is one of
 * {@code parley.auth.trusted-proxies} (addresses or CIDR ranges). Then it is the right-most address
 * of {@code X-Forwarded-For} that is not itself a trusted proxy: everything left of that was
 * written by the client and proves nothing.
 */
@Component
public class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Range> trusted;

    ClientAddresses(AuthSettings settings) {
        this.trusted = settings.trustedProxies().stream().map(Range::parse).toList();
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        String peerText = peer == null ? "unknown" : peer.getHostAddress();
        if (peer == null || !isTrusted(peer)) {
            return peerText;
        }
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
        String[] hops = String.join(",", forwarded).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            InetAddress address = literal(hop);
            if (address == null) {
                return hop; // not an address: it identifies the client all the same, and nothing left of it is believed
            }
            if (!isTrusted(address)) {
                return address.getHostAddress();
            }
        }
        return peerText;
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** The address an IP literal names; null for anything else (never a DNS lookup). */
    static InetAddress literal(String text) {
        if (text.length() > 45 || !IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return null;
        }
    }

    /** An address, or a CIDR range of them. */
    record Range(byte[] network, int prefixBits) {

        static Range parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("parley.auth.trusted-proxies: '" + text + "' is not an address or CIDR range");
            }
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("parley.auth.trusted-proxies: bad prefix length in '" + text + "'");
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
