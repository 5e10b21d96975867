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
import parley.application.service.GatewayUseCases;
import parley.application.service.HistoryService;
import parley.application.service.LoginService;
import parley.application.service.MembershipService;
import parley.application.service.ModerationService;
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

    // ---- the socket endpoints, mapped as boot-gateway maps them (WebSocketWiring)
    @Bean
    org.springframework.web.reactive.HandlerMapping socketMapping(parley.adapter.in.web.socket.socketio.SocketIoEndpoint socketIo,
                                                                  parley.adapter.in.web.socket.ChatWebSocketHandler chat) {
        return new org.springframework.web.reactive.handler.SimpleUrlHandlerMapping(java.util.Map.of(
                parley.adapter.in.web.socket.socketio.SocketIoEndpoint.PATH, socketIo, "/socket.io", socketIo,
                parley.adapter.in.web.socket.ChatWebSocketHandler.PATH, chat),
                org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    org.springframework.web.reactive.socket.server.WebSocketService webSocketService() {
        // Netty's frame limit as boot-gateway sets it (1 MiB), so that oversized packets reach the endpoint
        var handshakes = new org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService(
                new org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy(
                        () -> reactor.netty.http.server.WebsocketServerSpec.builder().maxFramePayloadLength(1024 * 1024)));
        handshakes.setSessionAttributePredicate(parley.adapter.in.web.socket.ChatWebSocketHandler.AUTHENTICATED_USER::equals);
        return handshakes;
    }

    @Bean
    org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter webSocketHandlerAdapter(
            org.springframework.web.reactive.socket.server.WebSocketService webSocketService) {
        return new org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter(webSocketService);
    }

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
    InMemoryRoomStore roomStore(InMemoryChat chat, InMemoryUserStore users) {
        return new InMemoryRoomStore(chat, users);
    }

    @Bean
    InMemoryMembershipStore membershipStore(InMemoryChat chat) {
        return new InMemoryMembershipStore(chat);
    }

    @Bean
    parley.application.fake.InMemoryInvitationStore invitationStore(InMemoryChat chat) {
        return new parley.application.fake.InMemoryInvitationStore(chat);
    }

    @Bean
    InMemoryMessageStore messageStore(InMemoryChat chat, InMemoryUserStore users) {
        return new InMemoryMessageStore(chat, users);
    }

    @Bean
    InMemoryMembershipCache membershipCache() {
        return new InMemoryMembershipCache();
    }

    @Bean
    InMemoryPresenceStore presenceStore(InstantSource clock) {
        return new InMemoryPresenceStore(clock);
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
    parley.application.fake.InMemorySessionStore sessionStore() {
        return new parley.application.fake.InMemorySessionStore();
    }

    @Bean
    parley.application.fake.InMemoryPasswordChanges passwordChanges(parley.application.fake.InMemoryUserStore users,
                                                                    parley.application.fake.InMemorySessionStore sessions) {
        return new parley.application.fake.InMemoryPasswordChanges(users, sessions);
    }

    @Bean
    parley.application.fake.InMemoryRevocationList revocationList(MutableClock clock) {
        return new parley.application.fake.InMemoryRevocationList(clock);
    }

    /** The gateway's use cases, wired as the gateway wires them, on the fakes. */
    @Bean
    GatewayUseCases useCases(UserStore users, RoomStore rooms, MembershipStore memberships, MessageStore messages,
                             MembershipCache membershipCache, ClientMsgIdRegistry clientMsgIds, PresenceStore presence,
                             RoomSignalBus signals, MessageEventPublisher publisher, AccessTokens tokens, PasswordHasher hasher,
                             IdGenerator ids, InstantSource clock, parley.application.port.out.SessionStore sessions,
                             parley.application.port.out.RevocationList revocations, parley.application.port.out.PasswordChanges passwordChanges,
                             parley.adapter.in.web.SessionSettings sessionSettings,
                             parley.application.port.out.InvitationStore invitations) {
        // the web tests make many rooms per account; RoomServiceTest covers the creation limit
        RoomLimits roomLimits = new RoomLimits(RoomLimits.DEFAULTS.membersPageDefault(), RoomLimits.DEFAULTS.membersPageMax(), 1_000_000,
                RoomLimits.DEFAULTS.invitationsPerRoom(), RoomLimits.DEFAULTS.invitationsListed(), 1_000_000);
        return new GatewayUseCases(
                new GatewayUseCases.Ports(users, rooms, memberships, messages, membershipCache, clientMsgIds, presence, signals,
                        publisher, tokens, hasher, ids, clock, sessions, revocations, passwordChanges, invitations),
                new GatewayUseCases.Settings(roomLimits, MessagingSettings.DEFAULTS, PresenceService.CONNECTION_TTL, sessionSettings.policy()));
    }

    @Bean
    parley.application.service.SessionService sessionService(GatewayUseCases useCases) {
        return useCases.sessions;
    }

    @Bean
    parley.application.service.PasswordService passwordService(GatewayUseCases useCases) {
        return useCases.passwords;
    }

    @Bean
    RegistrationService registrationService(GatewayUseCases useCases) {
        return useCases.registration;
    }

    @Bean
    LoginService loginService(GatewayUseCases useCases) {
        return useCases.login;
    }

    @Bean
    AuthenticationService authenticationService(GatewayUseCases useCases) {
        return useCases.authentication;
    }

    @Bean
    RoomService roomService(GatewayUseCases useCases) {
        return useCases.rooms;
    }

    @Bean
    MembershipService membershipService(GatewayUseCases useCases) {
        return useCases.memberships;
    }

    @Bean
    ModerationService moderationService(GatewayUseCases useCases) {
        return useCases.moderation;
    }

    @Bean
    parley.application.service.InvitationService invitationService(GatewayUseCases useCases) {
        return useCases.invitations;
    }

    @Bean
    parley.application.service.UserLookupService userLookupService(GatewayUseCases useCases) {
        return useCases.userLookup;
    }

    @Bean
    parley.application.service.DirectRoomService directRoomService(GatewayUseCases useCases) {
        return useCases.directRooms;
    }

    @Bean
    HistoryService historyService(GatewayUseCases useCases) {
        return useCases.history;
    }

    @Bean
    ReadMarkerService readMarkerService(GatewayUseCases useCases) {
        return useCases.readMarkers;
    }

    @Bean
    SendMessageService sendMessageService(GatewayUseCases useCases) {
        return useCases.sendMessage;
    }

    @Bean
    PresenceService presenceService(GatewayUseCases useCases) {
        return useCases.presence;
    }

    @Bean
    LiveDeliveryService liveDeliveryService(ConnectedClients clients, RoomSignalBus signals, RoomStore rooms) {
        return new LiveDeliveryService(clients, signals, rooms);
    }
}
