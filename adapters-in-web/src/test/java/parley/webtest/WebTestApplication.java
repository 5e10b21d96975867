package parley.webtest;

import java.time.InstantSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import parley.application.fake.InMemoryChat;
import parley.application.fake.InMemoryMembershipCache;
import parley.application.fake.InMemoryMembershipStore;
import parley.application.fake.InMemoryMessageStore;
import parley.application.fake.InMemoryPresenceStore;
import parley.application.fake.InMemoryRoomStore;
import parley.application.fake.InMemoryUserStore;
import parley.application.fake.MutableClock;
import parley.application.fake.SequentialIdGenerator;
import parley.application.port.out.AccessTokens;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.MembershipCache;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.PresenceStore;
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;
import parley.application.service.AuthenticationService;
import parley.application.service.HistoryService;
import parley.application.service.LoginService;
import parley.application.service.MembershipGuard;
import parley.application.service.MembershipService;
import parley.application.service.ReadMarkerService;
import parley.application.service.RegistrationService;
import parley.application.service.RoomLimits;
import parley.application.service.RoomService;
import parley.application.service.SendMessageService;
import parley.application.service.PresenceService;
import parley.application.service.LiveDeliveryService;
import parley.application.service.MessagingSettings;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.application.port.out.MessageEventPublisher;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.ConnectedClients;
import parley.application.fake.InMemoryClientMsgIdRegistry;
import parley.application.fake.RecordingMessageEventPublisher;
import parley.application.fake.InMemoryRoomSignalBus;

/**
 * The web adapter as the gateway will run it, minus the infrastructure: the adapter's own beans
 * are found by scanning its package from outside it (as boot-gateway does), and the real services
 * run over the in-memory fakes of their outgoing ports. Password hashing and tokens are the
 * adapter's real Argon2 and JWT implementations.
 */
@SpringBootApplication(scanBasePackages = "parley.adapter.in.web")
@ConfigurationPropertiesScan("parley.adapter.in.web")
public class WebTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    SequentialIdGenerator ids() {
        return new SequentialIdGenerator();
    }

    @Bean
    InMemoryChat chat() {
        return new InMemoryChat();
    }

    @Bean
    InMemoryUserStore userStore() {
        return new InMemoryUserStore();
    }

    @Bean
    InMemoryRoomStore roomStore(InMemoryChat chat) {
        return new InMemoryRoomStore(chat);
    }

    @Bean
    InMemoryMembershipStore membershipStore(InMemoryChat chat) {
        return new InMemoryMembershipStore(chat);
    }

    @Bean
    InMemoryMessageStore messageStore(InMemoryChat chat) {
        return new InMemoryMessageStore(chat);
    }

    @Bean
    InMemoryMembershipCache membershipCache() {
        return new InMemoryMembershipCache();
    }

    @Bean
    InMemoryPresenceStore presenceStore(InstantSource clock) {
        return new InMemoryPresenceStore(clock);
    }

    @Bean
    MembershipGuard membershipGuard(MembershipCache cache, MembershipStore memberships, RoomStore rooms) {
        return new MembershipGuard(cache, memberships, rooms);
    }

    @Bean
    RegistrationService registrationService(UserStore users, PasswordHasher hasher, IdGenerator ids, InstantSource clock) {
        return new RegistrationService(users, hasher, ids, clock);
    }

    @Bean
    LoginService loginService(UserStore users, PasswordHasher hasher, AccessTokens tokens) {
        return new LoginService(users, hasher, tokens);
    }

    @Bean
    AuthenticationService authenticationService(AccessTokens tokens, UserStore users) {
        return new AuthenticationService(tokens, users);
    }

    @Bean
    RoomService roomService(RoomStore rooms, MembershipGuard guard, IdGenerator ids, InstantSource clock) {
        // the web tests make many rooms per account; RoomServiceTest covers the creation limit
        return new RoomService(rooms, guard, ids, clock, new RoomLimits(100, 500, 1_000_000));
    }

    @Bean
    MembershipService membershipService(MembershipStore memberships, MembershipGuard guard, UserStore users,
                                        PresenceStore presence, RoomSignalBus signals, InstantSource clock) {
        return new MembershipService(memberships, guard, users, presence, signals, clock, RoomLimits.DEFAULTS);
    }

    @Bean
    HistoryService historyService(MessageStore messages, RoomStore rooms, MembershipGuard guard) {
        return new HistoryService(messages, rooms, guard);
    }

    @Bean
    ReadMarkerService readMarkerService(MembershipStore memberships, MessageStore messages, MembershipGuard guard) {
        return new ReadMarkerService(memberships, messages, guard);
    }

    // ---- the message path, for the WebSocket endpoint

    @Bean
    InMemoryClientMsgIdRegistry clientMsgIdRegistry(InstantSource clock, InMemoryMembershipCache membershipCache) {
        return new InMemoryClientMsgIdRegistry((MutableClock) clock, membershipCache);
    }

    @Bean
    RecordingMessageEventPublisher messageEventPublisher() {
        return new RecordingMessageEventPublisher();
    }

    @Bean
    InMemoryRoomSignalBus roomSignalBus() {
        return new InMemoryRoomSignalBus();
    }

    @Bean
    SendMessageService sendMessageService(MembershipGuard guard, ClientMsgIdRegistry registry, MessageStore messages,
                                          MessageEventPublisher publisher, InstantSource clock) {
        return new SendMessageService(guard, registry, messages, publisher, clock, MessagingSettings.DEFAULTS);
    }

    @Bean
    PresenceService presenceService(PresenceStore presence, RoomSignalBus signals, MembershipGuard guard, RoomStore rooms) {
        return new PresenceService(presence, signals, guard, rooms);
    }

    @Bean
    LiveDeliveryService liveDeliveryService(ConnectedClients clients, RoomSignalBus signals) {
        return new LiveDeliveryService(clients, signals);
    }
}
