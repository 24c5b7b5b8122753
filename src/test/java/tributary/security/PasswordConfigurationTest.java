package tributary.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordConfigurationTest {

    private final PasswordEncoder encoder = new PasswordConfiguration().passwordEncoder();

    @Test
    void aPasswordTypedComposedOrDecomposedIsTheSamePassword() {
        String hash = encoder.encode("Cafe\u0301-cre\u0300me-1");

        assertThat(hash).startsWith("$2a$");
        assertThat(encoder.matches("Café-crème-1", hash)).isTrue();
        assertThat(encoder.matches("Cafe\u0301-cre\u0300me-1", hash)).isTrue();
        assertThat(encoder.matches("Cafe-creme-1", hash)).isFalse();
    }
}
