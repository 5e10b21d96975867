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
 * Several scripts touch more than one key: the claim for a cached member reads the membership key
 * beside its client-msg key, presence changes keep the online index and the user's version with
 * the user's set, the read-only presence lookup reads many users' sets, and the presence sweep
 * builds the keys of the users it finds (which is why Parley runs on standalone Redis or Valkey,
 * not a cluster; see {@code RedisPresenceStore}). Every failure leaves through
 * {@code RedisFailures}: an outage is the core's {@code DependencyUnavailableException}.
 */
package parley.adapter.out.redis;
