package tributary.model;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tributary.app.TributaryProperties;

/** Loads the data model once at start: the built-in model plus {@code tributary.model.files}. */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

    @Bean
    DataModel dataModel(TributaryProperties properties) {
        return new ModelLoader().load(properties.model().files());
    }
}
