package io.r2dbc.spi;

/** A stand-in for the R2DBC SPI subclass a driver throws when its connection drops. */
public class R2dbcTransientResourceException extends R2dbcTransientException {

    public R2dbcTransientResourceException(String reason) {
        super(reason);
    }
}
