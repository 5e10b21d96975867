package parley.application.fake;

import parley.application.port.out.InvitationStore;
import parley.domain.room.RoomId;
import parley.domain.room.RoomInvitation;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link InvitationStore} on the shared in-memory chat, so a ban drops the invitation as the real store does. */
public final class InMemoryInvitationStore implements InvitationStore {

    private final InMemoryChat chat;

    public InMemoryInvitationStore(InMemoryChat chat) {
        this.chat = chat;
    }

    @Override
    public Mono<RoomInvitation> invite(RoomInvitation invitation) {
        return Mono.fromCallable(() -> chat.invite(invitation));
    }

    @Override
    public Mono<RoomInvitation> find(RoomId roomId, UserId userId) {
        return Mono.defer(() -> Mono.justOrEmpty(chat.invitation(roomId, userId)));
    }

    @Override
    public Mono<Boolean> remove(RoomId roomId, UserId userId) {
        return Mono.fromCallable(() -> chat.removeInvitation(roomId, userId));
    }

    @Override
    public Mono<Long> pendingIn(RoomId roomId) {
        return Mono.fromCallable(() -> chat.pendingIn(roomId));
    }

    @Override
    public Flux<RoomInvitation> pendingFor(UserId userId, int limit) {
        return Flux.defer(() -> Flux.fromIterable(chat.pendingFor(userId, limit)));
    }
}
