package parley.domain.session;

/** What a session makes of a presented refresh secret. */
public enum RefreshVerdict {
    /** The current secret of a live session: issue new tokens and rotate. */
    ROTATE,
    /** A secret the session had before: someone holds a copy of an old token, so the session must end. */
    REUSED,
    /** The session was revoked (logged out, revoked, ended by reuse). */
    REVOKED,
    /** The session's refresh lifetime is over. */
    EXPIRED,
    /** A secret this session never had. */
    UNKNOWN,
    /** The current secret of a session that has had {@link Session#MAX_SUPERSEDED} refreshes: it ends, and its user signs in again. */
    EXHAUSTED
}
