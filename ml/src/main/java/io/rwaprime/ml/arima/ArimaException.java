package io.rwaprime.ml.arima;

/**
 * An ARIMA model could not be estimated for these data, e.g. the CSS start is non-stationary
 * or the likelihood could not be evaluated. Input errors are {@link IllegalArgumentException}s.
 */
public final class ArimaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, with the model and the value that caused it */
    public ArimaException(String message) {
        super(message);
    }

    /** @param message what failed; {@code cause} is the numerical failure underneath */
    public ArimaException(String message, Throwable cause) {
        super(message, cause);
    }
}
