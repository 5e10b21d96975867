package parley.application.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import parley.application.port.in.CreateRoomCommand;
import parley.application.port.in.RegisterUserCommand;
import parley.application.service.AuthenticationService;
import parley.application.service.PasswordService;
import parley.application.service.SessionService;
import parley.application.service.GatewayUseCases;
import parley.application.service.RoomLimits;
import parley.application.service.HistoryService;
import parley.application.service.LiveDeliveryService;
import parley.application.service.LoginService;
import parley.application.service.MembershipGuard;
import parley.application.service.MembershipService;
import parley.application.service.DirectRoomService;
import parley.application.service.InvitationService;
import parley.application.service.ModerationService;
import parley.application.service.MessagingSettings;
import parley.application.service.PersistMessagesService;
import parley.application.service.PresenceService;
import parley.application.service.ReadMarkerService;
import parley.application.service.RegistrationService;
import parley.application.service.RoomService;
import parley.application.service.SendMessageService;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.Membership;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import parley.domain.user.UserId;

/**
 * Every service of the core wired to fresh fakes, so a test says only what it is about. The
 * fields are the fakes (to arrange and inspect) and the services (to exercise); the helpers block
 * and are meant for arranging a test, not for the behaviour under test.
 */
public final class TestCore {

    public static final String PASSWORD = "correct horse battery";

    public final MutableClock clock = new MutableClock();
    public final SequentialIdGenerator ids = new SequentialIdGenerator();
    public final MessagingSettings settings;

    public final InMemoryChat chat = new InMemoryChat();
    public final InMemoryUserStore users = new InMemoryUserStore();
    public final InMemoryRoomStore rooms = new InMemoryRoomStore(chat, users);
    public final InMemoryMembershipStore memberships = new InMemoryMembershipStore(chat);
    public final InMemoryInvitationStore invitations = new InMemoryInvitationStore(chat);
    public final InMemoryMessageStore messages = new InMemoryMessageStore(chat, users);
    public final InMemoryMembershipCache membershipCache = new InMemoryMembershipCache();
    public final InMemoryClientMsgIdRegistry clientMsgIds = new InMemoryClientMsgIdRegistry(clock, membershipCache);
    public final InMemoryPresenceStore presence = new InMemoryPresenceStore(clock);
    public final InMemoryRoomSignalBus signals = new InMemoryRoomSignalBus();
    public final RecordingConnectedClients clients = new RecordingConnectedClients();
    public final RecordingMessageEventPublisher acceptedPublisher = new RecordingMessageEventPublisher();
    public final RecordingPersistedMessagePublisher persistedPublisher = new RecordingPersistedMessagePublisher();
    public final PlainPasswordHasher hasher = new PlainPasswordHasher();
    public final FakeAccessTokens tokens = new FakeAccessTokens();
    public final InMemorySessionStore sessions = new InMemorySessionStore();
    public final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    public final InMemoryPasswordChanges passwordChanges = new InMemoryPasswordChanges(users, sessions);

    public final MembershipGuard guard;
    public final RegistrationService registrationService;
    public final LoginService loginService;
    public final AuthenticationService authenticationService;
    public final SessionService sessionService;
    public final PasswordService passwordService;
    public final RoomService roomService;
    public final MembershipService membershipService;
    public final ModerationService moderationService;
    public final InvitationService invitationService;
    public final DirectRoomService directRoomService;
    public final HistoryService historyService;
    public final ReadMarkerService readMarkerService;
    public final SendMessageService sendMessageService;
    public final PersistMessagesService persistMessagesService;
    public final PresenceService presenceService;
    public final LiveDeliveryService liveDeliveryService;

    private TestCore(MessagingSettings settings) {
        this.settings = settings;
        GatewayUseCases useCases = new GatewayUseCases(
                new GatewayUseCases.Ports(users, rooms, memberships, messages, membershipCache, clientMsgIds, presence, signals,
                        acceptedPublisher, tokens, hasher, ids, clock, sessions, revocations, passwordChanges, invitations),
                new GatewayUseCases.Settings(RoomLimits.DEFAULTS, settings, PresenceService.CONNECTION_TTL));
        guard = useCases.guard;
        registrationService = useCases.registration;
        loginService = useCases.login;
        authenticationService = useCases.authentication;
        sessionService = useCases.sessions;
        passwordService = useCases.passwords;
        roomService = useCases.rooms;
        membershipService = useCases.memberships;
        invitationService = useCases.invitations;
        directRoomService = useCases.directRooms;
        moderationService = useCases.moderation;
        historyService = useCases.history;
        readMarkerService = useCases.readMarkers;
        sendMessageService = useCases.sendMessage;
        persistMessagesService = new PersistMessagesService(messages, persistedPublisher);
        presenceService = useCases.presence;
        liveDeliveryService = new LiveDeliveryService(clients, signals, rooms);
    }

    public static TestCore create() {
        return new TestCore(MessagingSettings.DEFAULTS);
    }

    public static TestCore create(MessagingSettings settings) {
        return new TestCore(settings);
    }

    /** Registers a user with {@link #PASSWORD} and the default display name. */
    public User registerUser(String email) {
        return registrationService.register(RegisterUserCommand.of(email, PASSWORD, null)).block();
    }

    public User registerUser(String email, String displayName) {
        return registrationService.register(RegisterUserCommand.of(email, PASSWORD, displayName)).block();
    }

    public RoomId createRoom(UserId owner, String name) {
        return roomService.create(CreateRoomCommand.of(owner, name, null)).block().room().id();
    }

    public Membership join(RoomId roomId, UserId userId) {
        return membershipService.join(roomId, userId).block();
    }

    /** A new text message as the gateway accepts it: a fresh id and client id, accepted now. */
    public MessageAccepted accepted(RoomId roomId, UserId senderId, String text) {
        return new MessageAccepted(ids.newMessageId(), roomId, senderId, new ClientMsgId(UUID.randomUUID()),
                MessageContent.text(text), clock.instant());
    }

    /** Stores text messages straight into the store (no announcement), in order, and returns them. */
    public List<Message> storeTexts(RoomId roomId, UserId senderId, String... texts) {
        List<MessageAccepted> batch = new ArrayList<>();
        for (String text : texts) {
            batch.add(accepted(roomId, senderId, text));
        }
        return messages.storeBatch(batch).block().stored();
    }
}
