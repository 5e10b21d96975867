package parley.adapter.in.web.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.BackgroundSubscription;
import parley.application.port.in.RestoreDenyListUseCase;
import reactor.core.Disposable;

/**
 * At gateway start, re-seeds the deny-list from the sessions table if it is not known to be complete
 * (a fresh install, or Redis restarted empty). In the background: the gateway starts meanwhile, and
 * until the list is complete token checks ask the sessions table. Failing (Redis or the database
 * away), the first look-up that finds the list incomplete tries again.
 */
@Component
class DenyListRestorer extends BackgroundSubscription {

    private static final Logger log = LoggerFactory.getLogger(DenyListRestorer.class);

    private final RestoreDenyListUseCase restore;

    DenyListRestorer(RestoreDenyListUseCase restore) {
        this.restore = restore;
    }

    @Override
    protected Disposable subscribe() {
        return restore.restoreIfIncomplete().subscribe(
                complete -> log.debug("the deny-list is {}", complete ? "complete" : "still incomplete"),
                e -> log.warn("re-seeding the deny-list at start failed; the first look-up that needs it tries again: {}", e.toString()));
    }
}
