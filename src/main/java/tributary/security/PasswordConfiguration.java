package tributary.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import tributary.util.UnicodeText;

/**
 * Passwords are stored as bcrypt hashes of their text in Unicode normalization form C, so that "é" typed composed
 * (most keyboards) or decomposed (some systems) is the same password, as text is everywhere else in Tributary.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new NfcPasswordEncoder(new BCryptPasswordEncoder());
    }

    /** Hashes and checks the NFC form of the raw password with {@code hashing}. */
    record NfcPasswordEncoder(PasswordEncoder hashing) implements PasswordEncoder {

        @Override
        public String encode(CharSequence rawPassword) {
            return hashing.encode(nfc(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return hashing.matches(nfc(rawPassword), encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return hashing.upgradeEncoding(encodedPassword);
        }

        private static String nfc(CharSequence rawPassword) {
            return rawPassword == null ? null : UnicodeText.nfc(rawPassword.toString());
        }
    }
}
