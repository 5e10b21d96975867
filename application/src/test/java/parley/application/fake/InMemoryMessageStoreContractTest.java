package parley.application.fake;

import parley.application.port.out.MessageStore;
import parley.application.port.out.MessageStoreContract;
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;

/** The fake keeps the same contract as the R2DBC store ({@code R2dbcMessageStoreContractTest}). */
class InMemoryMessageStoreContractTest extends MessageStoreContract {

    private final InMemoryChat chat = new InMemoryChat();
    private final InMemoryUserStore users = new InMemoryUserStore();
    private final InMemoryMessageStore messages = new InMemoryMessageStore(chat, users);
    private final InMemoryRoomStore rooms = new InMemoryRoomStore(chat);

    @Override
    protected MessageStore messages() {
        return messages;
    }

    @Override
    protected RoomStore rooms() {
        return rooms;
    }

    @Override
    protected UserStore users() {
        return users;
    }
}
