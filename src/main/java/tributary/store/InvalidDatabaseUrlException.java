package tributary.store;

/**
 * {@code spring.datasource.url} is not a PostgreSQL JDBC URL (a typo such as {@code jdbc:postgres://}, a URL without
 * {@code jdbc:}, another database's URL): a configuration mistake, told in one line rather than as the stack trace of
 * the pool finding no driver for it. The URL is shown without its parameters and user information (they may hold a
 * password).
 */
public class InvalidDatabaseUrlException extends RuntimeException {

    InvalidDatabaseUrlException(String url) {
        super("spring.datasource.url is not a PostgreSQL JDBC URL: '" + shown(url)
                + "' (expected jdbc:postgresql://host:port/database)");
    }

    private static String shown(String url) {
        return url.replaceFirst("\\?.*", "").replaceFirst("//[^/@]*@", "//");
    }
}
