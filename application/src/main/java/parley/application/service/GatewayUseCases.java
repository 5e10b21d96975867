package parley.application.service;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import parley.application.port.out.AccessTokens;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.InvitationStore;
import parley.application.port.out.MembershipCache;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.MessageEventPublisher;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PasswordChanges;
import parley.application.port.out.PasswordHasher;
import parley.application.port.out.PresenceStore;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.RevocationList;
import parley.application.port.out.RoomStore;
import parley.application.port.out.SessionStore;
import parley.application.port.out.UserStore;

/**
 * The gateway's use cases composed from its ports, written once: the gateway's boot module, the
 * web adapter's tests and the core's own tests all wire them here. {@link LiveDeliveryService} is
 * made apart: the sockets it delivers to need the catch-up query made here.
 */
public final class GatewayUseCases {

    /** What the gateway's use cases are made of. */
    public record Ports(UserStore users, RoomStore rooms, MembershipStore memberships, MessageStore messages,
                        MembershipCache membershipCache, ClientMsgIdRegistry clientMsgIds, PresenceStore presence,
                        RoomSignalBus signals, MessageEventPublisher publisher, AccessTokens tokens, PasswordHasher hasher,
                        IdGenerator ids, InstantSource clock, SessionStore sessions, RevocationList revocations,
                        PasswordChanges passwordChanges, InvitationStore invitations) {
        public Ports {
            Objects.requireNonNull(invitations, "invitations");
            Objects.requireNonNull(passwordChanges, "passwordChanges");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(revocations, "revocations");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(rooms, "rooms");
            Objects.requireNonNull(memberships, "memberships");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(membershipCache, "membershipCache");
            Objects.requireNonNull(clientMsgIds, "clientMsgIds");
            Objects.requireNonNull(presence, "presence");
            Objects.requireNonNull(signals, "signals");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** How they behave: room bounds, the message path's timeouts, how long a connection counts as online, sessions. */
    public record Settings(RoomLimits rooms, MessagingSettings messaging, Duration presenceTtl, SessionPolicy sessions) {
        public static final Settings DEFAULTS = new Settings(RoomLimits.DEFAULTS, MessagingSettings.DEFAULTS, PresenceService.CONNECTION_TTL);

        public Settings {
            Objects.requireNonNull(rooms, "rooms");
            Objects.requireNonNull(messaging, "messaging");
            Objects.requireNonNull(presenceTtl, "presenceTtl");
            Objects.requireNonNull(sessions, "sessions");
        }

        /** With the default session policy. */
        public Settings(RoomLimits rooms, MessagingSettings messaging, Duration presenceTtl) {
            this(rooms, messaging, presenceTtl, SessionPolicy.DEFAULTS);
        }
    }

    public final MembershipGuard guard;
    public final RegistrationService registration;
    public final LoginService login;
    public final AuthenticationService authentication;
    public final SessionService sessions;
    public final PasswordService passwords;
    public final RoomService rooms;
    public final MembershipService memberships;
    public final ModerationService moderation;
    public final InvitationService invitations;
    public final UserLookupService userLookup;
    public final DirectRoomService directRooms;
    public final HistoryService history;
    public final ReadMarkerService readMarkers;
    public final SendMessageService sendMessage;
    public final PresenceService presence;

    public GatewayUseCases(Ports ports, Settings settings) {
        guard = new MembershipGuard(ports.membershipCache(), ports.memberships(), ports.rooms());
        registration = new RegistrationService(ports.users(), ports.hasher(), ports.ids(), ports.clock());
        Sessions sessionRules = new Sessions(ports.sessions(), ports.revocations(), ports.tokens(), ports.ids(), ports.clock(),
                settings.sessions());
        login = new LoginService(ports.users(), ports.passwordChanges(), ports.hasher(), sessionRules);
        RevocationCheck revocationCheck = new RevocationCheck(ports.revocations(), ports.sessions(), ports.clock(), settings.sessions(),
                sessionRules::denyListTtl);
        authentication = new AuthenticationService(ports.tokens(), ports.users(), revocationCheck);
        sessions = new SessionService(sessionRules, revocationCheck);
        passwords = new PasswordService(ports.users(), ports.passwordChanges(), ports.hasher(), sessionRules);
        RoomAnnouncements announcements = new RoomAnnouncements(ports.signals());
        rooms = new RoomService(ports.rooms(), guard, ports.ids(), ports.clock(), settings.rooms(), announcements);
        memberships = new MembershipService(ports.memberships(), ports.invitations(), guard, ports.users(), ports.presence(), announcements,
                ports.clock(), settings.rooms());
        moderation = new ModerationService(ports.memberships(), guard, ports.users(), announcements, ports.clock(), settings.rooms());
        invitations = new InvitationService(ports.invitations(), ports.memberships(), guard, ports.rooms(), ports.users(), ports.clock(),
                settings.rooms(), announcements);
        userLookup = new UserLookupService(ports.users());
        directRooms = new DirectRoomService(ports.rooms(), ports.users(), ports.ids(), ports.clock(), announcements, settings.rooms());
        history = new HistoryService(ports.messages(), ports.rooms(), guard);
        readMarkers = new ReadMarkerService(ports.memberships(), ports.messages(), guard, announcements);
        sendMessage = new SendMessageService(guard, ports.clientMsgIds(), ports.messages(), ports.publisher(), ports.clock(),
                settings.messaging());
        presence = new PresenceService(ports.presence(), ports.signals(), guard, ports.rooms(), settings.presenceTtl());
    }
}
