package tributary.rest;

/**
 * An error that ends a REST operation: reported as {@code {"code": <code>, "message": "Error: <message>"}}, with
 * code 100 when the code is 0 (as iTop does for exceptions without a code of their own).
 */
public class RestException extends RuntimeException {

    private final int code;

    public RestException(String message) {
        this(RestResult.INTERNAL_ERROR, message);
    }

    public RestException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The code reported: never 0. */
    public int code() {
        return code == 0 ? RestResult.INTERNAL_ERROR : code;
    }
}
