package parley.application.port.in;

import java.util.List;
import parley.application.model.Caller;
import parley.application.model.SessionView;
import reactor.core.publisher.Mono;

public interface ListSessionsQuery {

    /** The caller's active sessions, most recently used first, the caller's own marked current. */
    Mono<List<SessionView>> sessions(Caller caller);
}
