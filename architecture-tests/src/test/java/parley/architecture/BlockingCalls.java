package parley.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/** Finds calls of Reactor's blocking operators ({@code Mono.block*}, {@code Flux.blockFirst/blockLast}) outside {@code main}. */
final class BlockingCalls {

    private static final Set<String> REACTIVE_TYPES = Set.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux");

    private BlockingCalls() {
    }

    static ArchCondition<JavaClass> callBlockingReactorMethodsOutsideMain() {
        return new ArchCondition<>("call Mono.block*/Flux.blockFirst/blockLast outside a main method") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                    boolean blocking = call.getName().startsWith("block") && isReactiveType(call.getTargetOwner());
                    boolean inMain = call.getOrigin().getName().equals("main");
                    if (blocking && !inMain) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean isReactiveType(JavaClass owner) {
        return REACTIVE_TYPES.contains(owner.getName())
                || owner.getAllRawSuperclasses().stream().anyMatch(c -> REACTIVE_TYPES.contains(c.getName()));
    }
}
