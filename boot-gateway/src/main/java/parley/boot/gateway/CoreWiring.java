package parley.boot.gateway;

import com.github.f4b6a3.ulid.UlidCreator;
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
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;
import parley.application.service.AuthenticationService;
import parley.application.service.HistoryService;
import parley.application.service.LiveDeliveryService;
import parley.application.service.LoginService;
import parley.application.service.MembershipGuard;
import parley.application.service.MembershipService;
import parley.adapter.in.web.socket.PresenceSettings;
import parley.application.service.PresenceService;
import parley.application.service.ReadMarkerService;
import parley.application.service.RegistrationService;
import parley.application.service.RoomService;
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
        // monotonic: ids made within one millisecond still sort in creation order
        return () -> UlidCreator.getMonotonicUlid().toString();
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
    RoomService roomService(RoomStore rooms, MembershipGuard guard, IdGenerator ids, InstantSource clock, RoomSettings roomSettings) {
        return new RoomService(rooms, guard, ids, clock, roomSettings.limits());
    }

    @Bean
    MembershipService membershipService(MembershipStore memberships, MembershipGuard guard, UserStore users,
                                        PresenceStore presence, RoomSignalBus signals, InstantSource clock, RoomSettings roomSettings) {
        return new MembershipService(memberships, guard, users, presence, signals, clock, roomSettings.limits());
    }

    @Bean
    HistoryService historyService(MessageStore messages, RoomStore rooms, MembershipGuard guard) {
        return new HistoryService(messages, rooms, guard);
    }

    @Bean
    ReadMarkerService readMarkerService(MembershipStore memberships, MessageStore messages, MembershipGuard guard) {
        return new ReadMarkerService(memberships, messages, guard);
    }

    @Bean
    SendMessageService sendMessageService(MembershipGuard guard, ClientMsgIdRegistry registry, MessageStore messages,
                                          MessageEventPublisher publisher, InstantSource clock,
                                          GatewaySettings settings, KafkaProperties kafka) {
        return new SendMessageService(guard, registry, messages, publisher, clock, settings.messaging(kafka.buildProducerProperties()));
    }

    @Bean
    PresenceService presenceService(PresenceStore presence, RoomSignalBus signals, MembershipGuard guard, RoomStore rooms,
                                    PresenceSettings settings) {
        return new PresenceService(presence, signals, guard, rooms, settings.connectionTtl());
    }

    @Bean
    LiveDeliveryService liveDeliveryService(ConnectedClients clients, RoomSignalBus signals) {
        return new LiveDeliveryService(clients, signals);
    }
}
