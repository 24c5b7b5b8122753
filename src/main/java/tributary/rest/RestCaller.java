package tributary.rest;

import tributary.oql.catalog.OqlSearch;
import tributary.security.Account;

/** The authenticated caller of a REST operation, as the helpers need it. */
record RestCaller(Account account) {

    OqlSearch.Caller oqlCaller() {
        return new OqlSearch.Caller(account.userId(), account.contactId());
    }
}
