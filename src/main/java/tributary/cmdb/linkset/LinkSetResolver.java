package tributary.cmdb.linkset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tributary.cmdb.Issue;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ValueConverter;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;
import tributary.oql.catalog.OqlSearch;
import tributary.util.PhpStrings;

/**
 * Turns link-set texts into the link-set values {@link ObjectService} writes, checking them as iTop's
 * {@code AttributeLinkedSet::MakeValueFromString} does: attribute codes of the link class ({@code finalclass} selects
 * a subclass; an abstract link class requires it), external keys given by id (kept as ids; their existence is
 * checked when written) or by criteria on the key's target class (exactly one object must match), mandatory link
 * attributes. Any failure refuses the whole text, with iTop's message.
 *
 * <p>Works on a chunk of texts at once: the criteria of all the links of all the texts are grouped by target class
 * and searched attributes, and each group is looked up with one {@link ObjectService#matchAll} call (on computed
 * attributes such as a friendly name, one {@link OqlSearch#matchAll}); identical
 * criteria are searched once, and a {@link LinkCriteriaCache} carries the results over the chunks of a run.
 */
@Component
public class LinkSetResolver {

    private final DataModel model;
    private final ObjectService objects;
    private final OqlSearch oql;

    @Autowired
    public LinkSetResolver(DataModel model, ObjectService objects, OqlSearch oql) {
        this.model = model;
        this.objects = objects;
        this.oql = oql;
    }

    /** {@link #resolveAll(String, String, List, LinkSetSyntax, LinkCriteriaCache)} with iTop's separators, no cache. */
    public List<ResolvedLinkSet> resolveAll(String hostClass, String attCode, List<String> texts) {
        return resolveAll(hostClass, attCode, texts, LinkSetSyntax.ITOP_DEFAULT, new LinkCriteriaCache());
    }

    /** One text; prefer {@link #resolveAll} for many. */
    public ResolvedLinkSet resolve(String hostClass, String attCode, String text, LinkSetSyntax syntax,
                                   LinkCriteriaCache cache) {
        return resolveAll(hostClass, attCode, Collections.singletonList(text), syntax, cache).get(0);
    }

    /**
     * The value of each text for link-set attribute {@code attCode} of {@code hostClass}, in the order of the texts.
     * A null, empty or blank text is an empty link set.
     *
     * @throws IllegalArgumentException when {@code attCode} is not a link set of {@code hostClass}
     */
    public List<ResolvedLinkSet> resolveAll(String hostClass, String attCode, List<String> texts, LinkSetSyntax syntax,
                                            LinkCriteriaCache cache) {
        AttributeDef att = model.attribute(hostClass, attCode).filter(a -> a.type().isLinkSet()).orElseThrow(() ->
                new IllegalArgumentException("'" + attCode + "' is not a link set of class '" + hostClass + "'"));
        LinkSetParser parser = new LinkSetParser(syntax);
        List<Plan> plans = new ArrayList<>(texts.size());
        for (String text : texts) {
            plans.add(plan(att, parser, text));
        }
        Map<LinkCriteriaCache.Key, ObjectService.Match> found = search(plans, cache);
        List<ResolvedLinkSet> result = new ArrayList<>(texts.size());
        for (Plan plan : plans) {
            result.add(plan.error() != null ? ResolvedLinkSet.failed(plan.error()) : finish(hostClass, att, plan.links(), found));
        }
        return result;
    }

    // ---------------------------------------------------------------- step 1: parse and check against the model

    /** One text checked against the model: its links, or why it is refused. */
    private record Plan(List<PlannedLink> links, String error) {
    }

    /** One link checked against the model: its class, its values so far, and the searches left to make. */
    private record PlannedLink(String linkClass, Map<String, Object> values, Map<String, Search> searches) {
    }

    /** The search of one external key: description for messages ({@code name=Administrator}) and cache key. */
    private record Search(String description, LinkCriteriaCache.Key key, boolean impossible) {
    }

    /** Thrown while planning one text; caught per text. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private Plan plan(AttributeDef att, LinkSetParser parser, String text) {
        try {
            List<PlannedLink> links = new ArrayList<>();
            for (LinkSpec spec : parser.parse(text)) {
                links.add(planLink(att, spec));
            }
            return new Plan(links, null);
        } catch (LinkSetSyntaxException | Refusal e) {
            return new Plan(List.of(), e.getMessage());
        }
    }

    private PlannedLink planLink(AttributeDef att, LinkSpec spec) {
        String linkClass = linkClass(att, spec.finalClass());
        Map<String, Object> values = new LinkedHashMap<>();
        if (spec.finalClass() != null) {
            values.put("finalclass", linkClass);
        }
        for (Map.Entry<String, String> entry : spec.values().entrySet()) {
            AttributeDef linkAtt = linkAttribute(linkClass, entry.getKey());
            if (linkAtt.code().equals(att.keyAttribute()) || !linkAtt.isWritable()) {
                continue; // the key to the host is set by the object service; computed attributes are not written
            }
            values.put(linkAtt.code(), value(linkAtt, entry.getValue()));
        }
        Map<String, Search> searches = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : spec.criteria().entrySet()) {
            AttributeDef key = linkAttribute(linkClass, entry.getKey());
            if (key.type() != AttributeType.EXTERNAL_KEY) {
                throw wrongAttribute(linkClass, key.code());
            }
            searches.put(key.code(), search(key.targetClass(), entry.getValue()));
        }
        return new PlannedLink(linkClass, values, searches);
    }

    private String linkClass(AttributeDef att, String finalClass) {
        String declared = att.targetClass();
        if (finalClass == null) {
            if (model.cls(declared).isAbstract()) {
                throw new Refusal("Missing finalclass for link attribute specification");
            }
            return declared;
        }
        // PHP class names ignore case, so does iTop's is_subclass_of; the link class itself is accepted when concrete.
        String requested = PhpStrings.trim(finalClass);
        String linkClass = model.classIgnoringCase(requested).orElse(null);
        if (linkClass == null || !model.isSubclassOf(linkClass, declared) || model.cls(linkClass).isAbstract()) {
            throw new Refusal("Wrong class for link attribute specification: requested_class = " + requested
                    + ", expected_class = " + declared);
        }
        return linkClass;
    }

    private AttributeDef linkAttribute(String linkClass, String code) {
        return model.attribute(linkClass, code).orElseThrow(() -> wrongAttribute(linkClass, code));
    }

    private static Refusal wrongAttribute(String className, String code) {
        return new Refusal("Wrong attribute code for link attribute specification: class = " + className
                + ", attcode = " + code);
    }

    /** External keys become ids (0 or empty: none); other values stay text, checked now so the cell is blamed. */
    private static Object value(AttributeDef linkAtt, String raw) {
        boolean checkable = linkAtt.isStored() && linkAtt.type() != AttributeType.CASE_LOG
                && linkAtt.type() != AttributeType.PASSWORD;
        if (!checkable) {
            return raw;
        }
        try {
            Object converted = ValueConverter.convert(linkAtt, raw);
            return linkAtt.type() == AttributeType.EXTERNAL_KEY ? converted : raw;
        } catch (ValueConverter.InvalidValueException e) {
            throw new Refusal(e.formatError() ? e.getMessage() : Issue.unexpectedValue(linkAtt.code(), e.getMessage()).message());
        }
    }

    private Search search(String targetClass, Map<String, String> criteria) {
        List<String> attributes = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<String> description = new ArrayList<>();
        boolean impossible = false;
        for (Map.Entry<String, String> criterion : criteria.entrySet()) {
            AttributeDef searched = searchable(targetClass, criterion.getKey());
            description.add(criterion.getKey() + "=" + criterion.getValue());
            attributes.add(searched.code());
            Object value = criterion.getValue();
            if (!searched.type().isText() && !searched.type().isComputed()) { // computed ones are compared as OQL does
                try {
                    value = ValueConverter.convert(searched, value);
                } catch (ValueConverter.InvalidValueException e) {
                    impossible = true; // e.g. letters searched in an integer: nothing can match
                }
            }
            values.add(value);
        }
        return new Search(String.join(", ", description), LinkCriteriaCache.key(targetClass, attributes, values),
                impossible);
    }

    /**
     * The attribute searched for {@code code}: a stored one, or a computed one as iTop allows (a friendly name, an
     * external field such as {@code org_name}); {@code friendlyname} made of one attribute is that attribute.
     */
    private AttributeDef searchable(String targetClass, String code) {
        AttributeDef searched = model.attribute(targetClass, code).orElseThrow(() -> wrongAttribute(targetClass, code));
        if (searched.type() == AttributeType.FRIENDLY_NAME) {
            List<String> parts = model.sharedFriendlyNameAttributes(targetClass).orElse(List.of());
            if (parts.size() == 1 && !parts.get(0).equals("id")) {
                searched = model.attribute(targetClass, parts.get(0)).orElseThrow();
            }
        }
        if (!searched.type().isComputed() && (!searched.isStored() || searched.type() == AttributeType.CASE_LOG
                || searched.type() == AttributeType.PASSWORD)) {
            throw new Refusal("Wrong attribute code for link attribute specification: class = " + targetClass
                    + ", attcode = " + code + " (not searchable)");
        }
        return searched;
    }

    // ---------------------------------------------------------------- step 2: the searches, grouped

    private Map<LinkCriteriaCache.Key, ObjectService.Match> search(List<Plan> plans, LinkCriteriaCache cache) {
        Map<LinkCriteriaCache.Key, ObjectService.Match> found = new HashMap<>();
        Map<List<Object>, Set<LinkCriteriaCache.Key>> groups = new LinkedHashMap<>();
        for (Plan plan : plans) {
            for (PlannedLink link : plan.links()) {
                for (Search search : link.searches().values()) {
                    LinkCriteriaCache.Key key = search.key();
                    if (search.impossible() || found.containsKey(key)) {
                        continue;
                    }
                    ObjectService.Match cached = cache.get(key);
                    if (cached != null) {
                        found.put(key, cached);
                    } else {
                        groups.computeIfAbsent(List.of(key.className(), key.attributes()), g -> new LinkedHashSet<>())
                                .add(key);
                    }
                }
            }
        }
        for (Set<LinkCriteriaCache.Key> group : groups.values()) {
            List<LinkCriteriaCache.Key> keys = List.copyOf(group);
            LinkCriteriaCache.Key first = keys.get(0);
            List<List<Object>> tuples = keys.stream().map(LinkCriteriaCache.Key::values).toList();
            boolean computed = first.attributes().stream()
                    .anyMatch(code -> model.attribute(first.className(), code).filter(a -> a.type().isComputed()).isPresent());
            List<ObjectService.Match> matches = computed ? oql.matchAll(first.className(), first.attributes(), tuples)
                    : objects.matchAll(first.className(), first.attributes(), tuples);
            for (int i = 0; i < keys.size(); i++) {
                found.put(keys.get(i), matches.get(i));
                cache.put(keys.get(i), matches.get(i));
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- step 3: the values

    private ResolvedLinkSet finish(String hostClass, AttributeDef att, List<PlannedLink> links,
                                  Map<LinkCriteriaCache.Key, ObjectService.Match> found) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (PlannedLink link : links) {
            Map<String, Object> values = new LinkedHashMap<>(link.values());
            for (Map.Entry<String, Search> entry : link.searches().entrySet()) {
                Search search = entry.getValue();
                ObjectService.Match match = search.impossible() ? new ObjectService.Match(0, null) : found.get(search.key());
                if (match.count() == 0) {
                    return ResolvedLinkSet.failed("Found no match: ext_key = " + entry.getKey() + ", reconciliation = "
                            + search.description());
                }
                if (match.count() > 1) {
                    return ResolvedLinkSet.failed("Found several matches: ext_key = " + entry.getKey()
                            + ", reconciliation = " + search.description());
                }
                if (!entry.getKey().equals(att.keyAttribute())) {
                    values.put(entry.getKey(), match.firstId());
                }
            }
            List<String> missing = missingMandatory(hostClass, att, link.linkClass(), values);
            if (!missing.isEmpty()) {
                return ResolvedLinkSet.failed("Missing value for mandatory attribute(s): " + String.join(", ", missing));
            }
            result.add(values);
        }
        return ResolvedLinkSet.of(result);
    }

    /** Mandatory writable attributes of the link without value nor default, except the key(s) to the host. */
    private List<String> missingMandatory(String hostClass, AttributeDef att, String linkClass,
                                          Map<String, Object> values) {
        List<String> missing = new ArrayList<>();
        for (AttributeDef linkAtt : model.attributes(linkClass).values()) {
            if (!linkAtt.mandatory() || !linkAtt.isWritable() || linkAtt.type().isLinkSet()
                    || linkAtt.defaultValue() != null && !linkAtt.defaultValue().isEmpty()) {
                continue;
            }
            if (linkAtt.type() == AttributeType.EXTERNAL_KEY && (linkAtt.code().equals(att.keyAttribute())
                    || model.isSubclassOf(hostClass, linkAtt.targetClass()))) {
                continue;
            }
            Object value = values.get(linkAtt.code());
            if (value == null || value instanceof String s && s.isEmpty()) {
                missing.add(linkAtt.code());
            }
        }
        return missing;
    }
}
