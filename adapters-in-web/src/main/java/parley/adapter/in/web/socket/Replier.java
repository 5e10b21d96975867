package parley.adapter.in.web.socket;

/**
 * Answers one client command in the wire protocol it came in (on {@code /ws}: a frame with the
 * command's {@code id}). The command layer decides the {@link Outcome}; only the replier knows
 * how it looks on the wire.
 */
@FunctionalInterface
public interface Replier {

    void reply(Outcome outcome);
}
