package tributary.app;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Enables Tributary's typed properties. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TributaryProperties.class)
class ApplicationConfiguration {
}
