/**
 * Redis/Valkey adapters: membership cache, client message id registry, presence and the room signal bus.
 *
 * <p>Key layout ({@code <p>} is {@code parley.redis.key-prefix}, {@code parley:} by default):
 * <pre>
 * &lt;p&gt;member:&lt;roomId&gt;:&lt;userId&gt;                  string "member", membership-ttl (only positive answers)
 * &lt;p&gt;client-msg:&lt;roomId&gt;:&lt;senderId&gt;:&lt;clientMsgId&gt; string message id, the claim's ttl
 * &lt;p&gt;presence:&lt;userId&gt;                         sorted set: connection id scored by its expiry (epoch ms, Redis clock);
 *                                                   the key expires with its last connection
 * &lt;p&gt;room-signals                                  pub/sub channel, one text line per signal
 * </pre>
 * Every script touches one key, except the read-only presence lookup for many users.
 */
package parley.adapter.out.redis;
