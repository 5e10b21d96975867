package parley.boot.gateway;

import com.github.f4b6a3.ulid.UlidCreator;
import parley.application.port.out.IdGenerator;

/** New ULIDs for users and rooms, monotonic within the process: ids made within one millisecond still sort in creation order. */
final class MonotonicUlids implements IdGenerator {

    @Override
    public String nextUlid() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
