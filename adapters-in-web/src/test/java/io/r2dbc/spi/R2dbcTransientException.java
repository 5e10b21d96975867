package io.r2dbc.spi;

/**
 * A stand-in for the R2DBC SPI class of this name, which this module deliberately does not depend
 * on: the error mapping recognises it by name, and this proves it does.
 */
public class R2dbcTransientException extends RuntimeException {

    public R2dbcTransientException(String reason) {
        super(reason);
    }
}
