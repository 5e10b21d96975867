package parley.adapter.in.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of this driving (in) adapter module that is a driven adapter: it implements an
 * outgoing port the core calls (tokens, password hashing, pushing to connected sockets). They live
 * here because they share the web module's machinery; ArchUnit checks that every port
 * implementation in an in-adapter carries this mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DrivenAdapter {
}
