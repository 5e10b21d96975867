package parley.adapter.in.web.socket.socketio;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.socket.FrameBudget;
import parley.adapter.in.web.socket.SendRateLimiter;
import parley.adapter.in.web.socket.SocketCommands;
import parley.adapter.in.web.socket.SocketConnections;
import parley.adapter.in.web.socket.SocketSettings;
import parley.application.port.in.AuthenticateUseCase;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every Socket.IO connection of this gateway shares: the chat layer it speaks to (the same
 * connections, commands and limits as {@code /ws}), the encoders, the Engine.IO sessions and the
 * timers. It opens the Socket.IO side of a new Engine.IO session ({@link #open}).
 */
@Component
final class SocketIoChat {

    private final AuthenticateUseCase authenticate;
    private final SocketConnections connections;
    private final SocketCommands commands;
    private final SocketSettings socketSettings;
    private final SendRateLimiter limits;
    private final SocketIoSettings settings;
    private final SocketIoPackets packets = new SocketIoPackets(JsonMapper.builder().build());
    private final SocketIoFrames frames = new SocketIoFrames(packets);
    private final EngineIoSessions sessions;
    private final Scheduler timers;

    @Autowired
    SocketIoChat(AuthenticateUseCase authenticate, SocketConnections connections, SocketCommands commands,
                 SocketSettings socketSettings, SendRateLimiter limits, SocketIoSettings settings) {
        this(authenticate, connections, commands, socketSettings, limits, settings, Schedulers.parallel());
    }

    SocketIoChat(AuthenticateUseCase authenticate, SocketConnections connections, SocketCommands commands,
                 SocketSettings socketSettings, SendRateLimiter limits, SocketIoSettings settings, Scheduler timers) {
        this.authenticate = authenticate;
        this.connections = connections;
        this.commands = commands;
        this.socketSettings = socketSettings;
        this.limits = limits;
        this.settings = settings;
        this.sessions = new EngineIoSessions(settings.unconnectedSessions(), settings.unconnectedSessionsPerAddress());
        this.timers = timers;
    }

    /**
     * A new Engine.IO session with its Socket.IO side, registered under its id; null when as many
     * sessions as allowed (on this gateway, or from this address) wait for their CONNECT. The
     * caller opens it on its transport, or closes it when it cannot.
     *
     * @param handshakeToken the token of the handshake request (header or query), or null
     * @param address        the client's address (see ClientAddresses)
     */
    EngineIoSession open(String handshakeToken, String address) {
        if (!sessions.tryReserveWaiting(address)) {
            return null;
        }
        SocketIoConnection socket = new SocketIoConnection(sessions.newId(), this, handshakeToken, address);
        sessions.add(socket.engine());
        socket.awaitConnect();
        return socket.engine();
    }

    String newSocketId() {
        return sessions.newId();
    }

    FrameBudget newBudget() {
        return new FrameBudget(limits.newFrameBucket(), socketSettings.frameBurst(), socketSettings.floodStrikes());
    }

    AuthenticateUseCase authenticate() {
        return authenticate;
    }

    SocketConnections connections() {
        return connections;
    }

    SocketCommands commands() {
        return commands;
    }

    SocketSettings socketSettings() {
        return socketSettings;
    }

    SocketIoSettings settings() {
        return settings;
    }

    SocketIoPackets packets() {
        return packets;
    }

    SocketIoFrames frames() {
        return frames;
    }

    EngineIoSessions sessions() {
        return sessions;
    }

    Scheduler timers() {
        return timers;
    }
}
