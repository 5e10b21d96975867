package parley.adapter.out.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import parley.application.port.out.DependencyUnavailableException;

/**
 * The Redis adapters' boundary for failures: a lost or refused connection and a command timeout
 * (as Lettuce throws them, or as Spring Data Redis translates them) become
 * {@link DependencyUnavailableException}; anything else stays as it is.
 */
final class RedisFailures {

    private RedisFailures() {
    }

    static Throwable translated(Throwable failure) {
        return DependencyUnavailableException.translate(failure, "Redis", cause -> cause instanceof RedisConnectionException
                || cause instanceof RedisCommandTimeoutException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || cause instanceof ConnectException
                || cause instanceof TimeoutException);
    }
}
