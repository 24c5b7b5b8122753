package tributary.security;

import org.springframework.stereotype.Service;
import tributary.model.DataModel;

/** Decides what an account may do on a class, from its profiles and the class category. */
@Service
public class RightsService {

    private final DataModel model;

    public RightsService(DataModel model) {
        this.model = model;
    }

    public boolean allows(Account account, String className, Action action) {
        String category = model.category(className);
        return account.profiles().stream()
                .map(Profile::builtIn)
                .flatMap(java.util.Optional::stream)
                .anyMatch(profile -> profile.allows(category, action));
    }

    /** iTop's refusal text for an action on a class. */
    public static String refusal(String className, Action action) {
        return "The current user does not have enough permissions for " + action.verb() + " data of class " + className;
    }
}
