package tributary.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot entry point of Tributary. */
@SpringBootApplication(scanBasePackages = "tributary")
public class TributaryApplication {
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(TributaryApplication.class, args);
    }
}
