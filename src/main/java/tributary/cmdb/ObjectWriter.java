package tributary.cmdb;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;
import tributary.model.Lifecycle;
import tributary.util.UnicodeText;

/**
 * The create and update pipelines of the object service, for a chunk of objects at a time: convert and validate
 * every value, check external keys, uniqueness and field locks with one statement per class, then write the
 * valid objects in batches and record their history. Refused objects are reported, never written.
 */
@Component
class ObjectWriter {

    /** Working state of one object of the chunk. */
    private static final class Pending {
        final int index;
        final String className;
        Long id;
        final CmdbObject current;
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, List<Map<String, Object>>> linkSets = new LinkedHashMap<>();
        final List<Issue> issues = new ArrayList<>();
        final List<String> changed = new ArrayList<>();

        Pending(int index, String className, Long id, CmdbObject current) {
            this.index = index;
            this.className = className;
            this.id = id;
            this.current = current;
        }

        void issue(Issue issue) {
            issues.add(issue);
        }
    }

    private final DataModel model;
    private final ObjectTables tables;
    private final ObjectReader reader;
    private final HistoryRecorder history;
    private final List<FieldLockProvider> lockProviders;
    private final PasswordEncoder passwords;

    ObjectWriter(DataModel model, ObjectTables tables, ObjectReader reader, HistoryRecorder history,
                 List<FieldLockProvider> lockProviders, PasswordEncoder passwords) {
        this.model = model;
        this.tables = tables;
        this.reader = reader;
        this.history = history;
        this.lockProviders = lockProviders;
        this.passwords = passwords;
    }

    // ---------------------------------------------------------------- create

    List<WriteResult> create(WriteContext context, List<NewObject> items) {
        return create(context, items, false);
    }

    /** {@code ofHosts}: the items are links written through their hosts' link sets, whose history says it all. */
    private List<WriteResult> create(WriteContext context, List<NewObject> items, boolean ofHosts) {
        List<Pending> pendings = new ArrayList<>();
        // One time for the whole batch, as its change set has one date.
        LocalDateTime now = LocalDateTime.now().withNano(0);
        for (int i = 0; i < items.size(); i++) {
            NewObject item = items.get(i);
            Pending pending = new Pending(i, item.className(), null, null);
            pendings.add(pending);
            if (!model.hasClass(item.className())) {
                pending.issue(Issue.of(null, "Unknown class '" + item.className() + "'"));
                continue;
            }
            if (model.cls(item.className()).isAbstract()) {
                pending.issue(Issue.of(null, "Cannot create an object of the abstract class '" + item.className() + "'"));
                continue;
            }
            if (model.isReadOnly(item.className())) {
                pending.issue(readOnlyClass(item.className()));
                continue;
            }
            convertAll(context, pending, item.values(), false);
            applyDefaults(pending, now);
            checkMandatory(pending);
        }
        checkReferences(pendings);
        checkUniqueness(pendings);
        insert(context, valid(pendings), ofHosts);
        return results(pendings);
    }

    private void applyDefaults(Pending pending, LocalDateTime now) {
        Lifecycle lifecycle = model.lifecycle(pending.className).orElse(null);
        for (AttributeDef att : attributesWhere(pending.className, MAY_GET_A_DEFAULT)) {
            if (pending.values.get(att.code()) != null) {
                continue;
            }
            if (att.touch()) {
                pending.values.put(att.code(), now);
            } else if (lifecycle != null && att.code().equals(lifecycle.stateAttribute())) {
                pending.values.put(att.code(), lifecycle.initialState());
            } else if ("now".equals(att.defaultValue()) && att.type() == AttributeType.DATETIME) {
                pending.values.put(att.code(), now);
            } else if ("now".equals(att.defaultValue()) && att.type() == AttributeType.DATE) {
                pending.values.put(att.code(), now.toLocalDate());
            } else if (att.defaultValue() != null && !pending.values.containsKey(att.code())) {
                pending.values.put(att.code(), ValueConverter.convert(att, att.defaultValue()));
            }
        }
    }

    private void insert(WriteContext context, List<Pending> valid, boolean ofHosts) {
        if (valid.isEmpty()) {
            return;
        }
        LinkEndHistory ends = new LinkEndHistory(model, tables);
        Map<String, List<Pending>> byRoot = new LinkedHashMap<>();
        valid.forEach(p -> byRoot.computeIfAbsent(model.rootOf(p.className), r -> new ArrayList<>()).add(p));
        List<HistoryRecorder.Entry> entries = new ArrayList<>();
        // Each row holds its creation change set: that is its creation entry in the history (no row of its own).
        long change = history.changeOf(context);
        for (Map.Entry<String, List<Pending>> group : byRoot.entrySet()) {
            String table = model.tableOf(group.getKey());
            List<Long> ids = tables.allocateIds(table, group.getValue().size());
            List<ObjectTables.Row> rows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Pending pending = group.getValue().get(i);
                pending.id = ids.get(i);
                StoredColumns.Layout layout = storedLayouts.get(pending.className);
                if (layout == null) {
                    layout = storedLayouts.computeIfAbsent(pending.className,
                            c -> new StoredColumns.Layout(attributesWhere(c, STORED)));
                }
                rows.add(new ObjectTables.Row(pending.id, pending.className,
                        new StoredColumns(layout, pending.id, pending.values)));
                if (!ofHosts && ends.isLink(pending.className)) {
                    ends.created(pending.className, pending.values);
                }
            }
            tables.insert(table, group.getKey(), rows, change);
        }
        entries.addAll(ends.entries());
        history.record(context, entries);
        writeLinks(context, valid, false);
    }

    // ---------------------------------------------------------------- update

    List<WriteResult> update(WriteContext context, List<ObjectUpdate> items, boolean allowStateChange) {
        return update(context, items, allowStateChange, false);
    }

    private List<WriteResult> update(WriteContext context, List<ObjectUpdate> items, boolean allowStateChange,
                                     boolean ofHosts) {
        Map<String, List<ObjectUpdate>> byClass = new LinkedHashMap<>();
        items.forEach(item -> byClass.computeIfAbsent(item.className(), c -> new ArrayList<>()).add(item));
        Map<Long, CmdbObject> currentByRef = new HashMap<>();
        Map<String, Map<Long, CmdbObject>> current = new HashMap<>();
        // Each object is locked before it is read: what is compared, checked and written to the history is its last
        // committed state, and one deleted after it was found (reconciled, say) is reported missing, where an update
        // waiting for the deletion's lock would have written nothing and been reported done.
        Map<String, List<Long>> byTable = new TreeMap<>();
        byClass.forEach((className, updates) -> {
            if (model.hasClass(className)) {
                updates.forEach(u -> byTable.computeIfAbsent(model.tableOf(className), t -> new ArrayList<>()).add(u.id()));
            }
        });
        byTable.forEach(tables::lockForNoKeyUpdate);
        for (Map.Entry<String, List<ObjectUpdate>> group : byClass.entrySet()) {
            if (!model.hasClass(group.getKey())) {
                continue;
            }
            boolean linkSets = group.getValue().stream().anyMatch(u -> u.values().keySet().stream()
                    .anyMatch(code -> model.attribute(group.getKey(), code).map(a -> a.type().isLinkSet()).orElse(false)));
            Map<Long, CmdbObject> loaded = new HashMap<>();
            reader.load(group.getKey(), group.getValue().stream().map(ObjectUpdate::id).toList(), linkSets)
                    .forEach(o -> loaded.put(o.id(), o));
            current.put(group.getKey(), loaded);
        }
        List<Pending> pendings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ObjectUpdate item = items.get(i);
            CmdbObject object = current.getOrDefault(item.className(), Map.of()).get(item.id());
            Pending pending = new Pending(i, object == null ? item.className() : object.className(), item.id(), object);
            pendings.add(pending);
            if (!model.hasClass(item.className())) {
                pending.issue(Issue.of(null, "Unknown class '" + item.className() + "'"));
                continue;
            }
            if (object == null) {
                pending.issue(Issue.of(null, "Invalid object " + item.className() + "::" + item.id()
                        + " (no such object: deleted in the meantime?)"));
                continue;
            }
            if (model.isReadOnly(object.className())) {
                pending.issue(readOnlyClass(object.className()));
                continue;
            }
            currentByRef.put(object.id(), object);
            convertAll(context, pending, item.values(), true);
            keepChangesOnly(pending, allowStateChange);
            checkMandatory(pending);
        }
        checkLocks(context, pendings);
        checkReferences(pendings);
        checkTrees(pendings);
        checkUniqueness(pendings);
        write(context, valid(pendings), ofHosts);
        return results(pendings);
    }

    private void keepChangesOnly(Pending pending, boolean allowStateChange) {
        String stateAttribute = model.lifecycle(pending.className).map(Lifecycle::stateAttribute).orElse(null);
        for (var iterator = pending.values.entrySet().iterator(); iterator.hasNext(); ) {
            Map.Entry<String, Object> entry = iterator.next();
            AttributeDef att = model.attribute(pending.className, entry.getKey()).orElseThrow();
            Object before = pending.current.get(att.code());
            boolean same = att.type() == AttributeType.PASSWORD ? entry.getValue() == null && before == null
                    : sameValue(before, entry.getValue());
            if (same) {
                iterator.remove();
            } else if (att.code().equals(stateAttribute) && !allowStateChange) {
                pending.issue(Issue.unexpectedValue(att.code(), "the state changes only through a stimulus (current: "
                        + before + ", proposed: " + entry.getValue() + ")"));
            } else {
                pending.changed.add(att.code());
            }
        }
        for (var iterator = pending.linkSets.entrySet().iterator(); iterator.hasNext(); ) {
            Map.Entry<String, List<Map<String, Object>>> entry = iterator.next();
            AttributeDef att = model.attribute(pending.className, entry.getKey()).orElseThrow();
            if (linksEqual(att, pending.current.links(att.code()), entry.getValue())) {
                iterator.remove();
            } else {
                pending.changed.add(att.code());
            }
        }
        // Model order, so that history and reports do not depend on the order of the input.
        List<String> order = List.copyOf(model.attributes(pending.className).keySet());
        pending.changed.sort(java.util.Comparator.comparingInt(order::indexOf));
    }

    private void checkLocks(WriteContext context, List<Pending> pendings) {
        if (lockProviders.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> byClass = new LinkedHashMap<>();
        valid(pendings).stream().filter(p -> !p.changed.isEmpty())
                .forEach(p -> byClass.computeIfAbsent(p.className, c -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Pending>> group : byClass.entrySet()) {
            List<Long> ids = group.getValue().stream().map(p -> p.id).toList();
            Map<Long, List<FieldLock>> locks = new HashMap<>();
            for (FieldLockProvider provider : lockProviders) {
                provider.locks(group.getKey(), ids).forEach((id, list) ->
                        locks.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list));
            }
            for (Pending pending : group.getValue()) {
                for (FieldLock lock : locks.getOrDefault(pending.id, List.of())) {
                    if (Objects.equals(lock.dataSourceId(), context.actingDataSourceId())
                            || !pending.changed.contains(lock.attribute())) {
                        continue;
                    }
                    AttributeDef att = model.attribute(pending.className, lock.attribute()).orElse(null);
                    String label = att == null ? lock.attribute() : att.label();
                    pending.issue(Issue.of(lock.attribute(), "The field " + label + " (" + lock.attribute()
                            + ") is not writable because it is mastered by the data synchronization. Value not set."));
                }
            }
        }
    }

    private void write(WriteContext context, List<Pending> valid, boolean ofHosts) {
        LocalDateTime now = LocalDateTime.now().withNano(0);
        Map<String, List<ObjectTables.Row>> rowsByRoot = new LinkedHashMap<>();
        List<HistoryRecorder.Entry> entries = new ArrayList<>();
        LinkEndHistory ends = new LinkEndHistory(model, tables);
        for (Pending pending : valid) {
            if (pending.changed.isEmpty()) {
                continue;
            }
            if (!ofHosts && ends.isLink(pending.className)) {
                ends.changed(pending.className, pending.current.values(), pending.values, pending.changed);
            }
            Map<String, Object> columns = new LinkedHashMap<>();
            for (String code : pending.changed) {
                AttributeDef att = model.attribute(pending.className, code).orElseThrow();
                if (!att.isStored()) {
                    continue;
                }
                Object value = pending.values.get(code);
                columns.put(att.column(), value);
                entries.add(HistoryRecorder.Entry.update(pending.className, pending.id, code,
                        historyText(att, pending.current.get(code)), historyText(att, value)));
            }
            for (AttributeDef att : model.attributes(pending.className).values()) {
                if (att.touch()) {
                    columns.put(att.column(), now);
                }
            }
            rowsByRoot.computeIfAbsent(model.rootOf(pending.className), r -> new ArrayList<>())
                    .add(new ObjectTables.Row(pending.id, pending.className, columns));
        }
        rowsByRoot.forEach((root, rows) -> tables.update(model.tableOf(root), root, rows));
        entries.addAll(ends.entries());
        history.record(context, entries);
        writeLinks(context, valid, true);
    }

    private String historyText(AttributeDef att, Object value) {
        if (att.type() == AttributeType.PASSWORD) {
            return value == null ? "" : "(hidden)";
        }
        if (value instanceof CaseLog log) {
            return log.entries().isEmpty() ? "" : HtmlSanitizer.toText(log.entries().get(log.entries().size() - 1).messageHtml());
        }
        return ValueConverter.toText(value);
    }

    // ---------------------------------------------------------------- link sets

    /**
     * Replaces the links of every host of the chunk: links matching a wanted entry are kept (updated if needed), the
     * others deleted. The links of all hosts are created, updated and deleted together, a few statements per chunk.
     */
    private void writeLinks(WriteContext context, List<Pending> hosts, boolean updating) {
        if (hosts.stream().allMatch(host -> host.linkSets.isEmpty())) {
            return;
        }
        List<NewObject> toCreate = new ArrayList<>();
        List<String> createdFor = new ArrayList<>();
        List<ObjectUpdate> toUpdate = new ArrayList<>();
        List<String> updatedFor = new ArrayList<>();
        Map<String, List<Long>> deletions = new LinkedHashMap<>();
        List<HistoryRecorder.Entry> entries = new ArrayList<>();
        LinkEndHistory remotes = new LinkEndHistory(model, tables);
        for (Pending host : hosts) {
            for (Map.Entry<String, List<Map<String, Object>>> linkSet : host.linkSets.entrySet()) {
                AttributeDef att = model.attribute(host.className, linkSet.getKey()).orElseThrow();
                List<CmdbObject> unmatched = new ArrayList<>(updating ? host.current.links(att.code()) : List.of());
                int created = 0;
                int kept = 0;
                int modified = 0; // kept links whose own attributes change (a role)
                for (Map<String, Object> link : linkSet.getValue()) {
                    CmdbObject match = unmatched.stream().filter(candidate -> sameLinkIdentity(att, candidate, link))
                            .findFirst().orElse(null);
                    Map<String, Object> values = new LinkedHashMap<>(link);
                    values.remove("finalclass");
                    values.remove("id");
                    values.put(att.keyAttribute(), host.id);
                    if (match == null) {
                        String linkClass = link.get("finalclass") instanceof String s ? s : att.targetClass();
                        toCreate.add(new NewObject(linkClass, values));
                        createdFor.add(att.code());
                        created++;
                        remotes.added(att, link.get(att.remoteAttribute()));
                    } else {
                        unmatched.remove(match);
                        toUpdate.add(new ObjectUpdate(match.className(), match.id(), values));
                        updatedFor.add(att.code());
                        kept++;
                        if (!values.entrySet().stream().allMatch(e -> sameValue(match.get(e.getKey()), e.getValue()))) {
                            modified++;
                            remotes.modified(att, match.get(att.remoteAttribute()));
                        }
                    }
                }
                for (CmdbObject link : unmatched) {
                    deletions.computeIfAbsent(model.tableOf(link.className()), t -> new ArrayList<>()).add(link.id());
                    entries.add(HistoryRecorder.Entry.delete(link.className(), link.id()));
                    remotes.removed(att, link.get(att.remoteAttribute()));
                }
                if (created + kept + unmatched.size() > 0) {
                    entries.add(HistoryRecorder.Entry.links(host.className, host.id, att.code(),
                            LinkEndHistory.description(new int[] {created, unmatched.size(), modified})));
                }
            }
        }
        List<Issue> issues = new ArrayList<>();
        List<WriteResult> createdResults = toCreate.isEmpty() ? List.of() : create(context, toCreate, true);
        for (int i = 0; i < createdResults.size(); i++) {
            String code = createdFor.get(i);
            createdResults.get(i).issues().forEach(issue -> issues.add(Issue.of(code, code + ": " + issue.message())));
        }
        List<WriteResult> updatedResults = toUpdate.isEmpty() ? List.of() : update(context, toUpdate, false, true);
        for (int i = 0; i < updatedResults.size(); i++) {
            String code = updatedFor.get(i);
            updatedResults.get(i).issues().forEach(issue -> issues.add(Issue.of(code, code + ": " + issue.message())));
        }
        if (!issues.isEmpty()) {
            // Links were checked with their hosts: an issue here is unexpected, and the whole write is refused.
            throw new ObjectValidationException(issues);
        }
        deletions.forEach(tables::delete);
        entries.addAll(remotes.entries());
        history.record(context, entries);
    }

    private boolean sameLinkIdentity(AttributeDef att, CmdbObject candidate, Map<String, Object> link) {
        if (link.get("id") instanceof Number id) {
            return candidate.id() == id.longValue();
        }
        if (att.type() == AttributeType.LINK_SET_INDIRECT) {
            return Objects.equals(candidate.getLong(att.remoteAttribute()), link.get(att.remoteAttribute()));
        }
        return false;
    }

    private boolean linksEqual(AttributeDef att, List<CmdbObject> existing, List<Map<String, Object>> wanted) {
        if (existing.size() != wanted.size()) {
            return false;
        }
        List<CmdbObject> unmatched = new ArrayList<>(existing);
        for (Map<String, Object> link : wanted) {
            CmdbObject match = unmatched.stream()
                    .filter(candidate -> link.entrySet().stream()
                            .filter(e -> !e.getKey().equals("finalclass") && !e.getKey().equals("id"))
                            .allMatch(e -> sameValue(candidate.get(e.getKey()), e.getValue()))
                            && (!(link.get("id") instanceof Number id) || candidate.id() == id.longValue()))
                    .findFirst().orElse(null);
            if (match == null) {
                return false;
            }
            unmatched.remove(match);
        }
        return true;
    }

    // ---------------------------------------------------------------- conversion and checks

    private void convertAll(WriteContext context, Pending pending, Map<String, Object> raw, boolean updating) {
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String code = entry.getKey();
            AttributeDef att = model.attribute(pending.className, code).orElse(null);
            if (att == null) {
                pending.issue(Issue.of(code, code + ": Unknown attribute"));
                continue;
            }
            if (!att.isWritable()) {
                Object before = pending.current == null ? null : pending.current.get(code);
                if (!updating || !sameValue(before, entry.getValue())) {
                    pending.issue(Issue.unexpectedValue(code, "the attribute is read-only"));
                }
                continue;
            }
            try {
                switch (att.type()) {
                    case LINK_SET, LINK_SET_INDIRECT -> pending.linkSets.put(code, convertLinks(pending, att, entry.getValue()));
                    case CASE_LOG -> pending.values.put(code, caseLog(context, pending, att, entry.getValue()));
                    case PASSWORD -> pending.values.put(code, password(entry.getValue()));
                    default -> pending.values.put(code, ValueConverter.convert(att, entry.getValue()));
                }
            } catch (ValueConverter.InvalidValueException e) {
                pending.issue(e.formatError() ? Issue.of(code, e.getMessage()) : Issue.unexpectedValue(code, e.getMessage()));
            }
        }
    }

    private List<Map<String, Object>> convertLinks(Pending pending, AttributeDef att, Object raw) {
        if (!(raw instanceof List<?> list)) {
            throw new ValueConverter.InvalidValueException("A link set must be defined by an array of objects", true);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map)) {
                throw new ValueConverter.InvalidValueException("A link set must be defined by an array of objects", true);
            }
            String linkClass = map.get("finalclass") instanceof String s ? s : att.targetClass();
            if (!model.hasClass(linkClass) || !model.isSubclassOf(linkClass, att.targetClass())) {
                throw new ValueConverter.InvalidValueException("finalclass: '" + linkClass + "' is not a child class of '"
                        + att.targetClass() + "'", true);
            }
            if (model.cls(linkClass).isAbstract()) {
                throw new ValueConverter.InvalidValueException("finalclass is mandatory for the abstract link class '"
                        + linkClass + "'", true);
            }
            Map<String, Object> link = new LinkedHashMap<>();
            if (map.containsKey("finalclass")) {
                link.put("finalclass", linkClass);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String code = String.valueOf(e.getKey());
                if (code.equals("finalclass") || code.equals(att.keyAttribute())) {
                    continue;
                }
                if (code.equals("id")) {
                    link.put("id", e.getValue() instanceof Number n ? n.longValue() : Long.valueOf(String.valueOf(e.getValue())));
                    continue;
                }
                AttributeDef linkAtt = model.attribute(linkClass, code).orElseThrow(() ->
                        new ValueConverter.InvalidValueException(code + ": Unknown attribute", true));
                if (!linkAtt.isWritable()) {
                    continue;
                }
                try {
                    link.put(code, ValueConverter.convert(linkAtt, e.getValue()));
                } catch (ValueConverter.InvalidValueException ex) {
                    throw new ValueConverter.InvalidValueException(ex.formatError() ? ex.getMessage()
                            : Issue.unexpectedValue(code, ex.getMessage()).message(), true);
                }
            }
            if (att.type() == AttributeType.LINK_SET_INDIRECT && link.get(att.remoteAttribute()) == null) {
                continue; // iTop silently skips entries whose remote object is "0"
            }
            result.add(link);
        }
        return result;
    }

    /** A password is stored as its one-way hash; only text is accepted. */
    private String password(Object raw) {
        if (raw == null || raw instanceof String text && text.isEmpty()) {
            return null;
        }
        if (!(raw instanceof String || raw instanceof Number)) {
            throw new ValueConverter.InvalidValueException("a text value is expected", false);
        }
        if (raw.toString().length() < ObjectService.MIN_PASSWORD_LENGTH) {
            throw new ValueConverter.InvalidValueException("The password must have at least "
                    + ObjectService.MIN_PASSWORD_LENGTH + " characters", false);
        }
        return passwords.encode(raw.toString());
    }

    private CaseLog caseLog(WriteContext context, Pending pending, AttributeDef att, Object raw) {
        CaseLog log = pending.current == null || pending.current.get(att.code()) == null ? CaseLog.empty()
                : (CaseLog) pending.current.get(att.code());
        if (raw == null) {
            return log;
        }
        if (raw instanceof CaseLog replacement) {
            return replacement;
        }
        if (raw instanceof CaseLog.ReplaceItems replace) {
            CaseLog result = CaseLog.empty();
            for (CaseLog.AddItem item : replace.items()) {
                result = result.append(entry(context, item));
            }
            return result;
        }
        if (raw instanceof CaseLog.AddItem add) {
            return log.append(entry(context, add));
        }
        if (raw instanceof String text) {
            return text.isEmpty() ? log : log.append(entry(context, new CaseLog.AddItem(text, false, null, null, null)));
        }
        throw new ValueConverter.InvalidValueException("a case log takes a text, add_item or items", false);
    }

    private CaseLog.Entry entry(WriteContext context, CaseLog.AddItem item) {
        String message = UnicodeText.nfc(item.message());
        String html = item.html() ? HtmlSanitizer.sanitize(message) : HtmlSanitizer.escape(message);
        String login = item.userLogin() != null ? item.userLogin() : context.userLogin();
        long userId = item.userId() != null ? item.userId() : context.userId() == null ? 0 : context.userId();
        return new CaseLog.Entry(item.date() != null ? item.date() : LocalDateTime.now().withNano(0),
                login == null ? "" : login, userId, html);
    }

    private void checkMandatory(Pending pending) {
        if (!pending.issues.isEmpty()) {
            return;
        }
        for (AttributeDef att : attributesWhere(pending.className, MANDATORY)) {
            boolean given = pending.values.containsKey(att.code());
            Object value = given ? pending.values.get(att.code()) : pending.current == null ? null : pending.current.get(att.code());
            if (value == null && (pending.current == null || given)) {
                pending.issue(Issue.unexpectedValue(att.code(), "Null not allowed"));
            }
        }
    }

    private static final Predicate<AttributeDef> EXTERNAL_KEYS = att -> att.type() == AttributeType.EXTERNAL_KEY;
    private static final Predicate<AttributeDef> UNIQUE = AttributeDef::unique;
    private static final Predicate<AttributeDef> HIERARCHICAL_KEYS = att -> att.type() == AttributeType.EXTERNAL_KEY
            && att.hierarchical();
    private static final Predicate<AttributeDef> STORED = AttributeDef::isStored;
    private static final Predicate<AttributeDef> MANDATORY = att -> att.mandatory() && att.isStored()
            && att.autoNumber() == null;
    /** Touched, defaulted, or possibly a lifecycle's state attribute (whose initial state is the default). */
    private static final Predicate<AttributeDef> MAY_GET_A_DEFAULT = att -> att.isStored()
            && (att.touch() || att.defaultValue() != null || att.type() == AttributeType.ENUM);
    private final Map<Predicate<AttributeDef>, Map<String, List<AttributeDef>>> attributesWhere = new ConcurrentHashMap<>();
    /** The stored columns of each class, in the order new rows list them. */
    private final Map<String, StoredColumns.Layout> storedLayouts = new ConcurrentHashMap<>();

    /** The class's attributes that pass {@code filter}, computed once per class: checks run for every object written. */
    private List<AttributeDef> attributesWhere(String className, Predicate<AttributeDef> filter) {
        Map<String, List<AttributeDef>> byClass = attributesWhere.computeIfAbsent(filter, f -> new ConcurrentHashMap<>());
        List<AttributeDef> known = byClass.get(className);
        // Looked up several times per object: no capturing lambda (an allocation) unless the class is new.
        return known != null ? known
                : byClass.computeIfAbsent(className, c -> model.attributes(c).values().stream().filter(filter).toList());
    }

    /** External keys must designate existing objects of the target class: one statement per target class. */
    private void checkReferences(List<Pending> pendings) {
        record Reference(Pending pending, String attribute, long target) {
        }
        Map<String, List<Reference>> byTarget = new LinkedHashMap<>();
        for (Pending pending : valid(pendings)) {
            for (AttributeDef att : attributesWhere(pending.className, EXTERNAL_KEYS)) {
                if (pending.values.get(att.code()) instanceof Long value) {
                    byTarget.computeIfAbsent(att.targetClass(), t -> new ArrayList<>())
                            .add(new Reference(pending, att.code(), value));
                }
            }
            pending.linkSets.forEach((code, links) -> {
                AttributeDef att = model.attribute(pending.className, code).orElseThrow();
                for (Map<String, Object> link : links) {
                    String linkClass = link.get("finalclass") instanceof String s ? s : att.targetClass();
                    link.forEach((linkCode, value) -> model.attribute(linkClass, linkCode)
                            .filter(a -> a.type() == AttributeType.EXTERNAL_KEY && value != null)
                            .ifPresent(a -> byTarget.computeIfAbsent(a.targetClass(), t -> new ArrayList<>())
                                    .add(new Reference(pending, code + ": " + linkCode, (Long) value))));
                }
            });
        }
        byTarget.forEach((targetClass, references) -> {
            Set<Long> found = new HashSet<>(tables.existing(model.tableOf(targetClass), model.concreteClasses(targetClass),
                    references.stream().map(Reference::target).distinct().toList()));
            for (Reference reference : references) {
                if (!found.contains(reference.target())) {
                    reference.pending().issue(Issue.unexpectedValue(reference.attribute(),
                            "Target object not found (" + targetClass + "::" + reference.target() + ")"));
                }
            }
        });
    }

    /**
     * Hierarchical keys (an organization's parent) must keep a tree: an object cannot become its own parent or the
     * child of one of its descendants (iTop: {@code Value not allowed [<id>]}). The objects are taken in order, each
     * seeing the parents the ones before it set, as iTop writes them one by one. Only updates need it: a new object
     * has no descendants.
     */
    private void checkTrees(List<Pending> pendings) {
        record Tree(String table, String column) {
        }
        record Move(Pending pending, AttributeDef att, Tree tree, long parent) {
        }
        List<Move> moves = new ArrayList<>();
        for (Pending pending : valid(pendings)) {
            for (AttributeDef att : attributesWhere(pending.className, HIERARCHICAL_KEYS)) {
                if (pending.changed.contains(att.code()) && pending.values.get(att.code()) instanceof Long parent) {
                    moves.add(new Move(pending, att, new Tree(model.tableOf(att.declaringClass()), att.column()), parent));
                }
            }
        }
        // The parents on the way up from every new parent, by tree: loaded at once, then as the moves before set them.
        Map<Tree, Map<Long, Long>> parents = new HashMap<>();
        Map<Tree, Set<Long>> starts = new LinkedHashMap<>();
        moves.forEach(move -> starts.computeIfAbsent(move.tree(), t -> new HashSet<>()).add(move.parent()));
        // Two writers each checking its own move against the tree it sees could close a loop together: one at a time.
        starts.keySet().forEach(tree -> tables.lockTree(tree.table(), tree.column()));
        starts.forEach((tree, ids) -> parents.put(tree, new HashMap<>(tables.parentsUpFrom(tree.table(), tree.column(), ids))));
        for (Move move : moves) {
            Map<Long, Long> treeParents = parents.get(move.tree());
            if (isAncestorOrSelf(move.pending().id, move.parent(), treeParents,
                    ids -> tables.parentsUpFrom(move.tree().table(), move.tree().column(), ids))) {
                move.pending().issue(Issue.unexpectedValue(move.att().code(), "Value not allowed [" + move.parent() + "]"));
            } else {
                treeParents.put(move.pending().id, move.parent());
            }
        }
    }

    /** Whether {@code id} is {@code node} or one of its ancestors; {@code parents} is completed by {@code load}. */
    private static boolean isAncestorOrSelf(long id, long node, Map<Long, Long> parents,
                                            Function<List<Long>, Map<Long, Long>> load) {
        Set<Long> seen = new HashSet<>();
        Long current = node;
        while (current != null && seen.add(current)) {
            if (current == id) {
                return true;
            }
            if (!parents.containsKey(current)) {
                parents.putAll(load.apply(List.of(current)));
                if (!parents.containsKey(current)) {
                    return false; // no such object: checkReferences reports it
                }
            }
            current = parents.get(current);
        }
        return false;
    }

    /** Unique attributes: one statement per attribute for the whole chunk, plus duplicates inside the chunk. */
    private void checkUniqueness(List<Pending> pendings) {
        Map<AttributeDef, List<Pending>> byAttribute = new LinkedHashMap<>();
        for (Pending pending : valid(pendings)) {
            for (AttributeDef att : attributesWhere(pending.className, UNIQUE)) {
                if (pending.values.get(att.code()) != null) {
                    byAttribute.computeIfAbsent(att, a -> new ArrayList<>()).add(pending);
                }
            }
        }
        byAttribute.forEach((att, group) -> {
            List<String> values = group.stream().map(p -> p.values.get(att.code()).toString()).toList();
            List<Long> selfIds = group.stream().map(p -> p.id).filter(Objects::nonNull).toList();
            Set<String> used = new HashSet<>(tables.usedValues(model.tableOf(att.declaringClass()), att.column(), values,
                    selfIds));
            Set<String> seen = new HashSet<>();
            for (Pending pending : group) {
                String value = pending.values.get(att.code()).toString();
                String key = UnicodeText.lower(value);
                if (used.contains(key) || !seen.add(key)) {
                    pending.issue(Issue.unexpectedValue(att.code(), "the value '" + value
                            + "' is already used by another object"));
                }
            }
        });
    }

    static Issue readOnlyClass(String className) {
        return Issue.of(null, "Objects of class " + className + " are written by Tributary only");
    }

    static boolean sameValue(Object before, Object after) {
        if (before instanceof BigDecimal a && after instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (before instanceof Number a && after instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        if (before instanceof LocalDate || before instanceof LocalDateTime || before instanceof CaseLog) {
            return Objects.equals(before, after);
        }
        if (before == null || after == null) {
            return before == after || "".equals(before) || "".equals(after);
        }
        return before.toString().equals(after.toString());
    }

    private static List<Pending> valid(Collection<Pending> pendings) {
        return pendings.stream().filter(p -> p.issues.isEmpty()).toList();
    }

    private static List<WriteResult> results(List<Pending> pendings) {
        return pendings.stream().map(p -> new WriteResult(p.issues.isEmpty() ? p.id : (p.current == null ? null : p.id),
                p.className, p.issues, p.changed)).toList();
    }

    /** The locks of every provider on these objects, merged (see {@link ObjectService#fieldLocks}). */
    Map<Long, List<FieldLock>> locks(String className, Collection<Long> ids) {
        Map<Long, List<FieldLock>> locks = new HashMap<>();
        if (ids.isEmpty()) {
            return locks;
        }
        for (FieldLockProvider provider : lockProviders) {
            provider.locks(className, ids).forEach((id, list) ->
                    locks.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list));
        }
        return locks;
    }
}
