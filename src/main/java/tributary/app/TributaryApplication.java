package tributary.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import tributary.cli.Cli;

/** Spring Boot application and command-line entry point of Tributary. */
@SpringBootApplication(scanBasePackages = "tributary")
public class TributaryApplication {

    public static void main(String[] args) {
        int exitCode = new Cli(TributaryApplication.class, System.out, System.err).run(args);
        if (exitCode >= 0) {
            System.exit(exitCode);
        }
    }
}
