package tributary.rest;

import java.util.List;
import tributary.cmdb.CmdbObject;
import tributary.oql.catalog.OqlSearch.Found;

/** The objects designated by a {@code key} in set mode; nothing is fetched before asked. */
interface ObjectSet {

    /** The class of the search (the query's class), on which rights are checked. */
    String targetClass();

    /** How many objects match, ignoring any page. */
    long count();

    /** The matching objects in id order: {@code limit} of them (0 = all) after {@code offset}. */
    List<Found> fetch(long limit, long offset);

    /** The matching objects themselves, read through the object service, in id order. */
    List<CmdbObject> objects(long limit, long offset, boolean withLinkSets);
}
