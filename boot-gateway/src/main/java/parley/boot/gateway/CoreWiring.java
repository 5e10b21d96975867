package parley.boot.gateway;

import java.time.Clock;
import java.time.InstantSource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.application.port.out.AccessTokens;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.application.port.out.ConnectedClients;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.MembershipCache;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.MessageEventPublisher;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.PresenceStore;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.RevocationList;
import parley.application.port.out.RoomStore;
import parley.application.port.out.SessionStore;
import parley.application.port.out.UserStore;
import parley.application.service.AuthenticationService;
import parley.application.service.DirectRoomService;
import parley.application.service.GatewayUseCases;
import parley.application.service.HistoryService;
import parley.application.service.LiveDeliveryService;
import parley.application.service.LoginService;
import parley.application.service.MembershipService;
import parley.application.service.ModerationService;
import parley.application.service.InvitationService;
import parley.application.service.UserLookupService;
import parley.adapter.in.web.socket.PresenceSettings;
import parley.application.service.PresenceService;
import parley.application.service.ReadMarkerService;
import parley.application.service.RegistrationService;
import parley.application.service.RoomService;
import parley.application.service.PasswordService;
import parley.application.port.out.PasswordChanges;
import parley.application.port.out.InvitationStore;
import parley.application.service.SessionService;
import parley.adapter.in.web.SessionSettings;
import parley.application.service.SendMessageService;

/** The gateway's use cases, composed from the adapters' port implementations. */
@Configuration(proxyBeanMethods = false)
class CoreWiring {

    @Bean
    InstantSource clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdGenerator idGenerator() {
        return new MonotonicUlids();
    }

    @Bean
    GatewayUseCases useCases(UserStore users, RoomStore rooms, MembershipStore memberships, MessageStore messages,
                             MembershipCache membershipCache, ClientMsgIdRegistry clientMsgIds, PresenceStore presence,
                             RoomSignalBus signals, MessageEventPublisher publisher, AccessTokens tokens, PasswordHasher hasher,
                             IdGenerator ids, InstantSource clock, RoomSettings roomSettings, GatewaySettings settings,
                             KafkaProperties kafka, PresenceSettings presenceSettings, SessionStore sessions, RevocationList revocations,
                             PasswordChanges passwordChanges, SessionSettings sessionSettings,
                             InvitationStore invitations) {
        return new GatewayUseCases(
                new GatewayUseCases.Ports(users, rooms, memberships, messages, membershipCache, clientMsgIds, presence, signals,
                        publisher, tokens, hasher, ids, clock, sessions, revocations, passwordChanges, invitations),
                new GatewayUseCases.Settings(roomSettings.limits(), settings.messaging(kafka.buildProducerProperties()),
                        presenceSettings.connectionTtl(), sessionSettings.policy()));
    }

    // each use case a bean of its own, so the adapters find the incoming ports they take by type

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
    SessionService sessionService(GatewayUseCases useCases) {
        return useCases.sessions;
    }

    @Bean
    PasswordService passwordService(GatewayUseCases useCases) {
        return useCases.passwords;
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
    InvitationService invitationService(GatewayUseCases useCases) {
        return useCases.invitations;
    }

    @Bean
    UserLookupService userLookupService(GatewayUseCases useCases) {
        return useCases.userLookup;
    }

    @Bean
    DirectRoomService directRoomService(GatewayUseCases useCases) {
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

    /** Apart from the rest: the sockets it delivers to take the catch-up query made above. */
    @Bean
    LiveDeliveryService liveDeliveryService(ConnectedClients clients, RoomSignalBus signals, RoomStore rooms) {
        return new LiveDeliveryService(clients, signals, rooms);
    }
}
