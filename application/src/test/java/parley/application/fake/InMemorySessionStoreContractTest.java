package parley.application.fake;

import parley.application.port.out.SessionStore;
import parley.application.port.out.SessionStoreContract;
import parley.application.port.out.UserStore;

/** The fake keeps the same contract as the R2DBC store ({@code R2dbcSessionStoreContractTest}). */
class InMemorySessionStoreContractTest extends SessionStoreContract {

    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryUserStore users = new InMemoryUserStore();

    @Override
    protected SessionStore sessions() {
        return sessions;
    }

    @Override
    protected UserStore users() {
        return users;
    }
}
