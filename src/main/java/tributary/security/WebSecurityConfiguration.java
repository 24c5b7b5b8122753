package tributary.security;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP security. Tributary's own API ({@code /api/**}) requires HTTP Basic authentication. The iTop-compatible
 * pages under {@code /webservices/} and {@code /synchro/} authenticate each request themselves
 * ({@link WebServiceAuthenticator}), because iTop reports login failures inside their normal output (JSON code 1,
 * HTTP 200), not as HTTP 401. Stateless: no session, no cookie, so CSRF does not apply.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebSecurityConfiguration {

    /**
     * The iTop pages first, without Spring's HTTP Basic filter: it would answer a wrong {@code Authorization} header
     * with its own 401 before the page could say {@code Invalid login} (import.php) or code 1 (rest.php) as iTop does.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webServicesFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/webservices/**", "/synchro/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthenticationProvider accountAuthenticationProvider(AccountService accounts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String login = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                Account account = accounts.authenticate(login, password)
                        .orElseThrow(() -> new BadCredentialsException("Invalid login"));
                return UsernamePasswordAuthenticationToken.authenticated(account, null, account.profiles().stream()
                        .map(SimpleGrantedAuthority::new).toList());
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
