package tributary.csvimport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.FieldLock;
import tributary.cmdb.Issue;
import tributary.cmdb.NewObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ObjectUpdate;
import tributary.cmdb.ValueConverter;
import tributary.cmdb.WriteResult;
import tributary.cmdb.linkset.LinkCriteriaCache;
import tributary.cmdb.linkset.LinkSetResolver;
import tributary.cmdb.linkset.LinkSetSyntax;
import tributary.cmdb.linkset.ResolvedLinkSet;
import tributary.connectors.csv.CsvRow;
import tributary.connectors.csv.PhpDateFormat;
import tributary.csvimport.ImportMapping.Column;
import tributary.csvimport.ImportMapping.ExtKey;
import tributary.csvimport.ImportMapping.ReconciliationKey;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;
import tributary.oql.catalog.OqlSearch;

/**
 * iTop's bulk-change semantics (services.md §2.6–2.7) applied to a whole chunk of rows with a few statements: the
 * date pre-pass, external keys resolved for all rows at once (and cached for the run), reconciliation of the chunk in
 * one query, then one bulk create and one bulk update through the object service. Rows are independent: a row's
 * problem is reported in its outcome and never stops the others.
 *
 * <p>Rows of one chunk that share a reconciliation key are processed in successive "waves", so that a later row sees
 * the object an earlier row created or changed, as in iTop's row-by-row processing.
 *
 * <p>The part that writes nothing can run ahead, in the reader's thread ({@link #prepare}), while the writer writes the
 * chunk before: pre-checks, external keys and the reconciliation of each row's first occurrence in its chunk. That
 * reconciliation is speculative: it saw the database before the chunks still being written committed. {@link #process}
 * keeps it only for rows whose key no chunk written since has created or updated ({@link CommitLog}), and reconciles
 * the others again — so the outcome is the one the rows would have had reconciled in the writer.
 */
final class BulkChange {

    /** Runs work in a savepoint; {@code keep=false} rolls it back (simulation). Exceptions roll back and propagate. */
    interface Savepoints {
        <T> T run(Supplier<T> work, boolean keep);
    }

    /** The state of one row while the chunk is processed (the items of the {@code csv_import} step). */
    static final class Row {
        final CsvRow csv;
        final String[] cells;
        final String[] keyCells;
        final String[] valueCells;
        final Long[] keyIds;
        final boolean[] keyFailed;
        /** Whether the key's search found no object (as opposed to several, or a value that cannot match). */
        final boolean[] keyNotFound;
        final Map<String, Object> values = new LinkedHashMap<>();
        RowOutcome outcome;
        boolean cellErrors;
        int matchCount;
        Long matchId;
        CmdbObject current;
        /** The reconciliation values (null: a key could not be resolved), computed once by {@code waves}. */
        List<Object> tuple;
        /** {@link #tuple} as compared (text in lower case): the row's key for waves and the commit log. */
        List<Object> key;
        /** Whether {@link #prepare} did the pre-checks, external keys and {@link #tuple} of the row. */
        boolean prepared;
        /** The reconciliation done ahead by {@link #prepare}, or null. */
        ObjectService.LoadedMatch speculation;
        /** {@link CommitLog#published()} when {@link #speculation} was searched. */
        long snapshot;
        /** The rows {@link #prepare} prepared together with this one, and whether an earlier one of them has its key. */
        List<Row> batch;
        boolean repeated;

        Row(CsvRow csv, int columns, int keys, int valueColumns) {
            this.csv = csv;
            this.cells = new String[columns];
            for (int i = 0; i < columns; i++) {
                cells[i] = csv.cell(i);
            }
            this.keyCells = new String[keys];
            this.valueCells = new String[valueColumns];
            this.keyIds = new Long[keys];
            this.keyFailed = new boolean[keys];
            this.keyNotFound = new boolean[keys];
        }

        /** Forgets the resolution of the external keys {@code which} selects, to search them again. */
        void forgetKeys(IntPredicate which) {
            for (int k = 0; k < keyIds.length; k++) {
                if (which.test(k)) {
                    keyCells[k] = null;
                    keyIds[k] = null;
                    keyFailed[k] = false;
                    keyNotFound[k] = false;
                }
            }
        }

        boolean alive() {
            return outcome == null;
        }
    }

    private final ObjectService objects;
    private final DataModel model;
    private final ImportMapping mapping;
    private final ImportOptions options;
    private final ExtKeyCache cache;
    private final OqlSearch oql;
    private final LinkSetResolver linkSets;
    private final LinkCriteriaCache linkCache = new LinkCriteriaCache();
    private final List<Column> valueColumns;
    /** The value columns and the shown ones ({@code friendlyname}), in input order: the details table's. */
    private final List<Column> displayedColumns;
    private final List<String> compared;
    /** CSV column index of each reconciliation attribute that is not an external key. */
    private final Map<String, Integer> reconciliationColumns = new HashMap<>();
    /**
     * For each external key searching the imported class's own table ({@code manager_id->email},
     * {@code parent_id->name}): the key's index and, for each searched attribute, the columns of the file holding it
     * (null when none does). A row may name the object an earlier row of its chunk creates or changes.
     */
    private final Map<Integer, List<int[]>> selfKeyColumns = new LinkedHashMap<>();
    /**
     * Whether each external key searches the imported class's own table: what such a key finds may change with every
     * chunk written, so it is searched by the writer, chunk by chunk, and never cached.
     */
    private final boolean[] selfKeys;
    /**
     * Whether each external key searches a computed attribute of its target (a friendly name of several attributes,
     * an external field such as {@code org_name}): searched on OQL's values of those fields
     * ({@link OqlSearch#matchAll}) instead of the bulk search on stored columns.
     */
    private final boolean[] computedSearches;
    /** The columns of all the reconciliation keys, or null when {@code id} is one (an empty id is a new object). */
    private final int[] reconciliationCells;
    private final int width;

    BulkChange(ObjectService objects, LinkSetResolver linkSets, OqlSearch oql, ImportMapping mapping,
               ImportOptions options, ExtKeyCache cache, int headerWidth) {
        this.objects = objects;
        this.oql = oql;
        this.linkSets = linkSets;
        this.model = objects.model();
        this.mapping = mapping;
        this.options = options;
        this.cache = cache;
        this.valueColumns = mapping.valueColumns();
        this.displayedColumns = mapping.displayedColumns();
        this.compared = comparedAttributes(mapping, valueColumns);
        for (ReconciliationKey key : mapping.reconciliationKeys()) {
            if (key.extKey() == null) {
                valueColumns.stream().filter(c -> c.attribute().code().equals(key.attribute().code())).findFirst()
                        .ifPresent(column -> reconciliationColumns.put(key.attribute().code(), column.index()));
            }
        }
        this.width = headerWidth;
        this.reconciliationCells = mapping.reconciliationKeys().stream().anyMatch(key -> key.code().equals("id")) ? null
                : mapping.reconciliationKeys().stream().flatMap(key -> key.extKey() != null
                        ? key.extKey().searches().stream().map(Column::index)
                        : Stream.ofNullable(reconciliationColumns.get(key.attribute().code())))
                .mapToInt(Integer::intValue).toArray();
        String table = model.tableOf(mapping.className());
        this.selfKeys = new boolean[mapping.extKeys().size()];
        this.computedSearches = new boolean[mapping.extKeys().size()];
        for (int k = 0; k < mapping.extKeys().size(); k++) {
            ExtKey extKey = mapping.extKeys().get(k);
            String target = extKey.key().targetClass();
            computedSearches[k] = extKey.searches().stream().anyMatch(c -> computed(target, c.remote()));
            if (!model.tableOf(extKey.key().targetClass()).equals(table)) {
                continue;
            }
            selfKeys[k] = true;
            List<int[]> columns = new ArrayList<>();
            for (Column search : extKey.searches()) {
                columns.add(columnsHolding(target, search.remote()));
            }
            selfKeyColumns.put(k, columns);
        }
    }

    /**
     * The columns of the file holding what an object of {@code target} has in {@code remote}, as a row creating or
     * changing such an object gives it; null when no column does. A friendly name is its attributes' values joined by
     * spaces, as the database computes it; an external field ({@code org_name}) is the column searching its key by the
     * same attribute ({@code org_id->name}).
     */
    private int[] columnsHolding(String target, String remote) {
        AttributeDef att = model.attribute(target, remote).orElse(null);
        if (att != null && att.type() == AttributeType.EXTERNAL_FIELD) {
            return mapping.extKeys().stream()
                    .filter(other -> other.key().code().equals(att.keyAttribute()) && other.searches().size() == 1
                            && other.searches().get(0).remote().equals(att.remoteAttribute()))
                    .map(other -> new int[] {other.searches().get(0).index()}).findFirst().orElse(null);
        }
        List<String> parts = att != null && att.type() == AttributeType.FRIENDLY_NAME
                ? model.sharedFriendlyNameAttributes(target).orElse(null) : List.of(remote);
        if (parts == null) {
            return null;
        }
        int[] indexes = parts.stream().mapToInt(part -> valueColumns.stream()
                .filter(c -> c.attribute().code().equals(part) && c.attribute().type() != AttributeType.EXTERNAL_KEY)
                .mapToInt(Column::index).findFirst().orElse(-1)).toArray();
        return Arrays.stream(indexes).anyMatch(index -> index < 0) ? null : indexes;
    }

    /** What {@link #process} did to a chunk. */
    record Processed(List<RowOutcome> outcomes, Set<List<Object>> written) {
    }

    /**
     * Whether {@link #prepare} may resolve external keys and reconcile ahead of the writer. Not when a reconciliation
     * key is an external key into the imported class's own hierarchy (its value depends on what the chunks still being
     * written create), nor when the compared attributes are not all stored ones (whole objects are loaded then). Other
     * keys into the own hierarchy ({@code manager_id->email}) are left to the writer.
     */
    boolean preparesAhead() {
        return compared != null && mapping.reconciliationKeys().stream()
                .noneMatch(key -> key.extKey() != null && selfKeys[extKeyIndex(key.extKey())]);
    }

    private boolean selfKey(int k) {
        return selfKeys[k];
    }

    private boolean otherKey(int k) {
        return !selfKeys[k];
    }

    /** Rows of the CSV with nothing done yet: {@link #process} does everything. */
    List<Row> rows(List<CsvRow> chunk) {
        List<Row> rows = new ArrayList<>(chunk.size());
        for (CsvRow csv : chunk) {
            rows.add(new Row(csv, Math.max(width, csv.cells().size()), mapping.extKeys().size(), valueColumns.size()));
        }
        return rows;
    }

    /**
     * The work on a batch of rows that writes nothing (run in the reader's thread, ahead of the writer; only when
     * {@link #preparesAhead()}): pre-checks, external keys other than those into the imported class, reconciliation
     * values, and a speculative reconciliation of the first row of each key. {@code published} gives
     * {@link CommitLog#published()}, read just before searching.
     */
    List<Row> prepare(List<CsvRow> chunk, LongSupplier published, Executor helper) {
        List<Row> rows = rows(chunk);
        rows.forEach(this::precheck);
        resolveExternalKeys(rows, this::otherKey);
        List<Row> searched = new ArrayList<>();
        List<List<Object>> tuples = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (Row row : rows) {
            row.prepared = true;
            row.batch = rows;
            if (!row.alive()) {
                continue;
            }
            row.tuple = reconciliationTuple(row);
            row.key = row.tuple == null ? null : ExtKeyCache.normalise(row.tuple);
            if (row.key != null) {
                if (seen.add(row.key)) {
                    searched.add(row);
                    tuples.add(row.tuple);
                } else {
                    row.repeated = true;
                }
            }
        }
        if (!searched.isEmpty()) {
            long snapshot = published.getAsLong();
            List<String> codes = mapping.reconciliationKeys().stream().map(ReconciliationKey::code).toList();
            // Two halves searched at once, on two connections: the search is most of this thread's time, and the
            // writer's thread mostly waits for the database meanwhile.
            int half = tuples.size() / 2;
            CompletableFuture<List<ObjectService.LoadedMatch>> first = half == 0
                    ? CompletableFuture.completedFuture(List.of())
                    : CompletableFuture.supplyAsync(
                            () -> matchAll(codes, tuples.subList(0, half), compared), helper);
            List<ObjectService.LoadedMatch> second = matchAll(codes, tuples.subList(half, tuples.size()), compared);
            List<ObjectService.LoadedMatch> matches = new ArrayList<>(first.join());
            matches.addAll(second);
            for (int i = 0; i < searched.size(); i++) {
                searched.get(i).speculation = matches.get(i);
                searched.get(i).snapshot = snapshot;
            }
        }
        return rows;
    }

    /**
     * Processes a chunk; {@code context} gives the write context (one change set for the import), {@code log} the
     * keys written since a prepared row's speculative reconciliation. Returns the outcomes, and the reconciliation
     * keys of the objects written (created or updated) for the commit log.
     */
    Processed process(List<Row> rows, WriteContextHolder context, Savepoints savepoints, CommitLog log) {
        List<Row> unprepared = rows.stream().filter(row -> !row.prepared).toList();
        unprepared.forEach(this::precheck);
        resolveExternalKeys(unprepared, k -> true);
        // Keys into the imported class see the chunks written before this one only now.
        resolveExternalKeys(rows.stream().filter(row -> row.prepared).toList(), this::selfKey);
        List<List<Row>> levels = levels(rows);
        for (int l = 0; l < levels.size(); l++) {
            List<Row> level = levels.get(l);
            if (l > 0) {
                // The rows this level's rows name are written now: search their keys again (iTop writes row by row).
                level.forEach(row -> row.forgetKeys(this::selfKey));
                resolveExternalKeys(level, this::selfKey);
            }
            List<List<Row>> waves = waves(level);
            for (int w = 0; w < waves.size(); w++) {
                List<Row> wave = waves.get(w);
                reconcile(wave, l == 0 && w == 0 ? log : null);
                prepareValues(wave);
                write(wave, context, savepoints);
            }
        }
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        Set<List<Object>> written = new HashSet<>();
        for (Row row : rows) {
            outcomes.add(row.outcome);
            RowOutcome.Kind kind = row.outcome.kind();
            if (row.tuple != null && (kind == RowOutcome.Kind.CREATED || kind == RowOutcome.Kind.UPDATED)) {
                written.add(row.key);
            }
        }
        refreshStatisticsWhenGrown(outcomes);
        return new Processed(outcomes, written);
    }

    /** Rows created by this run, and the count at which the table's statistics are refreshed next (-1: not known yet). */
    private long createdInRun;
    private long nextAnalyzeAt = -1;

    /**
     * Reconciliation looks objects up by several indexed columns; on a table that grew from nearly empty PostgreSQL
     * would keep using the statistics of the small table (and a poor index). Refresh them once the run has created as
     * many rows as the table had (at least 5,000), then each time it has created four times as many as at the last
     * refresh: the statistics only need to tell selective columns from the others, which a table a quarter of the size
     * shows as well. An ANALYZE samples the whole table (0.1 s on a small one, 0.45 s on a million rows): refreshing
     * every fifth more rows cost seconds on large imports, and refreshing after 5,000 rows added to a table of a million
     * was a quarter of the time of a 100,000-row import.
     */
    private void refreshStatisticsWhenGrown(List<RowOutcome> outcomes) {
        if (options.simulate()) {
            return;
        }
        createdInRun += outcomes.stream().filter(o -> o.kind() == RowOutcome.Kind.CREATED).count();
        if (createdInRun > 0 && nextAnalyzeAt < 0) {
            nextAnalyzeAt = Math.max(5_000, objects.estimatedRowCount(mapping.className()));
        }
        if (nextAnalyzeAt > 0 && createdInRun >= nextAnalyzeAt) {
            objects.refreshStatistics(mapping.className());
            nextAnalyzeAt = createdInRun * 4;
        }
    }

    // ------------------------------------------------------------------------------------------- pre-pass

    private void precheck(Row row) {
        CsvRow csv = row.csv;
        if (csv.hasError()) {
            row.outcome = rawOutcome(row, "Issue: " + csv.error(), Map.of());
            return;
        }
        if (csv.cells().size() != width) {
            // iTop pads or drops cells silently; a misplaced separator would then shift values into other attributes.
            row.outcome = rawOutcome(row, "Issue: Wrong number of cells: " + csv.cells().size() + " found, " + width
                    + " expected (as many as in the header)", Map.of());
            return;
        }
        for (int i = mapping.columns().size(); i < width; i++) {
            if (row.cells[i] != null && !row.cells[i].isEmpty()) {
                row.outcome = rawOutcome(row, "Issue: Column " + (i + 1) + " has no name in the header but holds '"
                        + row.cells[i] + "'", Map.of());
                return;
            }
        }
        for (int i = 0; i < width; i++) {
            if (row.cells[i] != null && row.cells[i].indexOf('\0') >= 0) {
                Map<Integer, String> errors = Map.of(i, "Invalid value for attribute. The value contains a NUL character"
                        + " (binary data cannot be imported)");
                row.outcome = rawOutcome(row, "Issue: Unexpected attribute value(s)", errors);
                return;
            }
        }
        datePrePass(row);
    }

    /** Whether every reconciliation key of the row is empty (an empty {@code id} is a new object, as in iTop). */
    private boolean noReconciliationValue(Row row) {
        if (reconciliationCells == null) {
            return false;
        }
        for (int index : reconciliationCells) {
            if (row.cells[index] != null && !row.cells[index].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Step 1 of §2.7: date cells must match {@code date_format} (or the internal formats) and are normalised. */
    private void datePrePass(Row row) {
        PhpDateFormat format = options.dateFormat();
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (Column column : valueColumns) {
            AttributeType type = column.attribute().type();
            String cell = row.cells[column.index()];
            if (type != AttributeType.DATE && type != AttributeType.DATETIME || cell == null || cell.isEmpty()) {
                continue;
            }
            if (format == null) {
                boolean ok = type == AttributeType.DATE ? PhpDateFormat.INTERNAL_DATE.parseDate(cell).isPresent()
                        : PhpDateFormat.INTERNAL_DATE_TIME.parseDateTime(cell).isPresent();
                if (!ok) {
                    row.outcome = rawOutcome(row, "Issue: Internal error: CoreUnexpectedValue, Wrong format for date attribute "
                            + column.attribute().code() + ", expecting \"" + (type == AttributeType.DATE ? "Y-m-d" : "Y-m-d H:i:s")
                            + "\" and got \"" + cell + "\"", Map.of());
                    return;
                }
                continue;
            }
            if (type == AttributeType.DATE) {
                PhpDateFormat datePart = format.datePart();
                Optional<LocalDate> date = datePart.parseDate(cell);
                if (date.isPresent()) {
                    row.cells[column.index()] = ValueConverter.DATE.format(date.get());
                } else {
                    errors.put(column.index(), "'" + cell + "' is an invalid value. Expected format: " + datePart.sample());
                }
            } else {
                Optional<LocalDateTime> dateTime = format.parseDateTime(cell);
                if (dateTime.isPresent()) {
                    row.cells[column.index()] = ValueConverter.DATETIME.format(dateTime.get());
                } else {
                    errors.put(column.index(), "'" + cell + "' is an invalid value. Expected format: " + format.sample());
                }
            }
        }
        if (!errors.isEmpty()) {
            row.outcome = rawOutcome(row, "Issue: wrong date format", errors);
        }
    }

    // ------------------------------------------------------------------------------------------- external keys

    /** Step 2 of §2.7: each external key {@code which} selects is searched from its columns, all rows at once. */
    private void resolveExternalKeys(List<Row> rows, IntPredicate which) {
        if (rows.isEmpty()) {
            return;
        }
        for (int k = 0; k < mapping.extKeys().size(); k++) {
            if (!which.test(k)) {
                continue;
            }
            ExtKey extKey = mapping.extKeys().get(k);
            AttributeDef key = extKey.key();
            String target = key.targetClass();
            List<String> remotes = extKey.searches().stream().map(Column::remote).toList();
            Map<List<Object>, List<Row>> pending = new LinkedHashMap<>();
            Map<List<Object>, List<Object>> typedByNormal = new HashMap<>();
            for (Row row : rows) {
                if (!row.alive()) {
                    continue;
                }
                // Loops rather than streams: this runs for every row and key, and the streams were a tenth of what the
                // reader's thread allocated.
                List<String> cells = new ArrayList<>(extKey.searches().size());
                boolean allEmpty = true;
                for (Column search : extKey.searches()) {
                    String cell = row.cells[search.index()];
                    cells.add(cell);
                    allEmpty &= cell == null || cell.isEmpty();
                }
                if (allEmpty) {
                    if (key.mandatory()) {
                        row.keyFailed[k] = true;
                        boolean reconciling = mapping.reconciliationKeys().stream()
                                .anyMatch(r -> r.extKey() != null && r.extKey().key().code().equals(key.code()));
                        row.keyCells[k] = "Invalid value for attribute. " + (reconciling ? "Missing mandatory value" : "Null not allowed");
                    }
                    continue; // a nullable key is cleared
                }
                List<Object> typed = searchValues(target, remotes, cells);
                if (typed == null) {
                    row.keyFailed[k] = true;
                    row.keyCells[k] = noMatch(extKey, cells);
                    continue;
                }
                List<Object> normal = ExtKeyCache.normalise(typed);
                typedByNormal.putIfAbsent(normal, typed);
                pending.computeIfAbsent(normal, n -> new ArrayList<>()).add(row);
            }
            Map<List<Object>, ObjectService.Match> results = lookUp(k, target, remotes, pending.keySet(), typedByNormal);
            for (Map.Entry<List<Object>, List<Row>> entry : pending.entrySet()) {
                ObjectService.Match match = results.get(entry.getKey());
                for (Row row : entry.getValue()) {
                    if (match.count() == 1) {
                        row.keyIds[k] = match.firstId();
                    } else {
                        List<String> cells = extKey.searches().stream().map(c -> row.cells[c.index()]).toList();
                        row.keyFailed[k] = true;
                        row.keyNotFound[k] = match.count() == 0;
                        row.keyCells[k] = match.count() == 0 ? noMatch(extKey, cells)
                                : "Invalid value for attribute. Ambiguous: found " + match.count() + " objects";
                    }
                }
            }
        }
    }

    /** Matches of each tuple: from the run's cache (not for keys into the imported class), the others with one query. */
    private Map<List<Object>, ObjectService.Match> lookUp(int key, String target, List<String> remotes,
                                                         Set<List<Object>> tuples,
                                                         Map<List<Object>, List<Object>> typedByNormal) {
        Map<List<Object>, ObjectService.Match> results = new HashMap<>();
        List<List<Object>> missing = new ArrayList<>();
        for (List<Object> tuple : tuples) {
            ObjectService.Match cached = selfKeys[key] ? null : cache.get(key, tuple);
            if (cached != null) {
                results.put(tuple, cached);
            } else {
                missing.add(tuple);
            }
        }
        if (!missing.isEmpty()) {
            List<ObjectService.Match> found = computedSearches[key]
                    ? oql.matchAll(target, remotes, missing.stream().map(typedByNormal::get).toList())
                    : objects.matchAll(target, remotes, missing.stream().map(typedByNormal::get).toList());
            for (int i = 0; i < missing.size(); i++) {
                results.put(missing.get(i), found.get(i));
                if (!selfKeys[key]) {
                    cache.put(key, missing.get(i), found.get(i));
                }
            }
        }
        return results;
    }

    private boolean computed(String targetClass, String remote) {
        return model.attribute(targetClass, remote).map(att -> att.type().isComputed()).orElse(false);
    }

    private int extKeyIndex(ExtKey extKey) {
        return mapping.extKeys().indexOf(extKey);
    }

    /** The cells converted by the remote attributes' parsers; null when one cannot match anything. */
    private List<Object> searchValues(String targetClass, List<String> remotes, List<String> cells) {
        List<Object> values = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell == null || cell.isEmpty()) {
                values.add(null);
                continue;
            }
            String remote = remotes.get(i);
            if (remote.equals("id")) {
                try {
                    values.add(Long.parseLong(cell.trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
                continue;
            }
            AttributeDef att = model.attribute(targetClass, remote).orElse(null);
            if (att != null && computed(targetClass, remote)) {
                values.add(cell); // compared as text by the OQL search
                continue;
            }
            if (att == null || !att.isStored()) {
                return null;
            }
            if (att.type().isText()) {
                values.add(options.localize() && att.type() == AttributeType.ENUM ? enumCode(att, cell).orElse(cell) : cell);
                continue;
            }
            try {
                values.add(ValueConverter.convert(att, cell));
            } catch (ValueConverter.InvalidValueException e) {
                return null;
            }
        }
        return values;
    }

    /** {@code No match for value 'x'. Some possible 'Organization' value(s): a, b, c...} */
    private String noMatch(ExtKey extKey, List<String> cells) {
        String target = extKey.key().targetClass();
        ExtKeyCache.Samples samples = cache.samples(extKey.key().code(), selfKeys[extKeyIndex(extKey)],
                () -> loadSamples(extKey));
        if (samples.total() == 0) {
            return "There are no '" + target + "' objects";
        }
        String searched = cells.stream().map(c -> c == null ? "" : c).collect(Collectors.joining(" "));
        return "No match for value '" + searched + "'. Some possible '" + target + "' value(s): "
                + String.join(", ", samples.values()) + (samples.total() > samples.values().size() ? "..." : "");
    }

    private ExtKeyCache.Samples loadSamples(ExtKey extKey) {
        String target = extKey.key().targetClass();
        List<Long> ids = objects.find(target, Map.of(), 4);
        List<String> values = new ArrayList<>();
        for (CmdbObject object : objects.getAll(target, ids.subList(0, Math.min(3, ids.size())), false)) {
            values.add(extKey.searches().stream()
                    .map(c -> c.remote().equals("id") ? String.valueOf(object.id()) : ValueConverter.toText(object.get(c.remote())))
                    .collect(Collectors.joining(" ")));
        }
        return new ExtKeyCache.Samples(ids.size(), values);
    }

    // ------------------------------------------------------------------------------------------- reconciliation

    /**
     * The chunk's rows in runs written one after the other, so that each row sees what the rows before it in the file
     * did and nothing the rows after it do, as when iTop writes row by row. Levels follow the file's order; a row
     * starts a new level when a key into the imported class searches values that an earlier row of the current level
     * holds (the manager listed before the people who report to them, whether that row creates or changes the
     * manager), or, when no column holds what the key searches, when the key found nothing and earlier rows may have
     * made its target. One level when no key searches the imported class.
     */
    private List<List<Row>> levels(List<Row> rows) {
        if (selfKeyColumns.isEmpty()) {
            return List.of(rows);
        }
        List<List<Row>> levels = new ArrayList<>();
        levels.add(new ArrayList<>());
        Map<Integer, Set<List<Object>>> heldInLevel = new HashMap<>();
        boolean levelHasRows = false;
        for (Row row : rows) {
            if (row.alive()) {
                boolean waits = false;
                for (Map.Entry<Integer, List<int[]>> self : selfKeyColumns.entrySet()) {
                    int k = self.getKey();
                    List<Column> searches = mapping.extKeys().get(k).searches();
                    if (searches.stream().allMatch(c -> row.cells[c.index()] == null || row.cells[c.index()].isEmpty())) {
                        continue; // no target named: the key is cleared
                    }
                    List<Object> searched = searchedHeld(row, searches, self.getValue());
                    waits |= searched.isEmpty() ? row.keyNotFound[k] && levelHasRows
                            : heldInLevel.getOrDefault(k, Set.of()).contains(searched);
                }
                if (waits) {
                    levels.add(new ArrayList<>());
                    heldInLevel.clear();
                }
                for (Map.Entry<Integer, List<int[]>> self : selfKeyColumns.entrySet()) {
                    List<Object> values = ExtKeyCache.normalise(self.getValue().stream().filter(Objects::nonNull)
                            .map(indexes -> (Object) joined(row, indexes)).toList());
                    heldInLevel.computeIfAbsent(self.getKey(), k -> new HashSet<>()).add(values);
                }
                levelHasRows = true;
            }
            levels.get(levels.size() - 1).add(row);
        }
        return levels;
    }

    /** The cells at {@code indexes}, joined by spaces (empty cells as empty text) when there are several. */
    private static String joined(Row row, int[] indexes) {
        if (indexes.length == 1) {
            return row.cells[indexes[0]];
        }
        return Arrays.stream(indexes).mapToObj(index -> row.cells[index] == null ? "" : row.cells[index])
                .collect(Collectors.joining(" "));
    }

    /**
     * The searched cells of a key whose attributes a column of the file holds ({@code held}, aligned with
     * {@code searches}): an earlier row with those values may have made the target (the other criteria are not
     * compared, so a row may wait for one that did not make its target, never the reverse).
     */
    private static List<Object> searchedHeld(Row row, List<Column> searches, List<int[]> held) {
        List<Object> searched = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            if (held.get(i) != null) {
                searched.add(row.cells[searches.get(i).index()]);
            }
        }
        return ExtKeyCache.normalise(searched);
    }

    /** Rows sharing a reconciliation key go to successive waves, so that each sees what the previous one wrote. */
    private List<List<Row>> waves(List<Row> rows) {
        if (!rows.isEmpty() && rows.stream().allMatch(row -> row.prepared && row.batch == rows.get(0).batch && !row.repeated)) {
            // Prepared together and no key twice: one wave, known without hashing every key again.
            List<Row> alive = rows.stream().filter(Row::alive).toList();
            return alive.isEmpty() ? List.of() : List.of(alive);
        }
        List<List<Row>> waves = new ArrayList<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            if (!row.alive()) {
                continue;
            }
            List<Object> tuple = row.prepared ? row.tuple : reconciliationTuple(row);
            row.tuple = tuple;
            if (!row.prepared) {
                row.key = tuple == null ? null : ExtKeyCache.normalise(tuple);
            }
            int wave = tuple == null ? 0 : seen.merge(row.key, 1, Integer::sum) - 1;
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(row);
        }
        return waves;
    }

    /** The values searched for the row's object, or null when a key could not be resolved. */
    private List<Object> reconciliationTuple(Row row) {
        List<Object> tuple = new ArrayList<>();
        for (ReconciliationKey key : mapping.reconciliationKeys()) {
            if (key.extKey() != null) {
                int k = extKeyIndex(key.extKey());
                if (row.keyFailed[k]) {
                    return null;
                }
                tuple.add(row.keyIds[k]);
            } else {
                String cell = row.cells[reconciliationColumns.get(key.attribute().code())];
                AttributeDef att = key.attribute();
                if (cell == null || cell.isEmpty() || att.type() == AttributeType.EXTERNAL_KEY) {
                    tuple.add(cell == null || cell.isEmpty() ? null : parseLongOrNull(cell));
                } else if (att.type().isText()) {
                    tuple.add(options.localize() && att.type() == AttributeType.ENUM ? enumCode(att, cell).orElse(cell) : cell);
                } else {
                    try {
                        tuple.add(ValueConverter.convert(att, cell));
                    } catch (ValueConverter.InvalidValueException e) {
                        tuple.add(cell); // cannot match: the row goes the creation way and its cell is reported
                    }
                }
            }
        }
        return tuple;
    }

    /**
     * Reconciles a wave; with a {@code log} (first wave only), a row's speculative reconciliation is kept when no
     * chunk written since it was searched wrote an object of the row's key.
     */
    private void reconcile(List<Row> wave, CommitLog log) {
        List<Row> searchable = new ArrayList<>();
        List<List<Object>> tuples = new ArrayList<>();
        List<String> codes = mapping.reconciliationKeys().stream().map(ReconciliationKey::code).toList();
        for (Row row : wave) {
            List<Object> tuple = row.tuple;
            if (tuple == null) {
                row.outcome = keyOutcome(row, "Issue: failed to reconcile");
                continue;
            }
            ObjectService.LoadedMatch ahead = row.speculation;
            row.speculation = null;
            if (ahead != null && log != null && log.untouchedSince(row.snapshot, row.key)) {
                matched(row, ahead.count(), ahead.firstId());
                if (ahead.count() == 1) {
                    row.current = ahead.object();
                }
                continue;
            }
            searchable.add(row);
            tuples.add(tuple);
        }
        if (searchable.isEmpty()) {
            return;
        }
        if (compared != null) {
            // One statement reconciles the rows and brings the compared attributes of the objects they match.
            List<ObjectService.LoadedMatch> matches = matchAll(codes, tuples, compared);
            for (int i = 0; i < searchable.size(); i++) {
                Row row = searchable.get(i);
                ObjectService.LoadedMatch match = matches.get(i);
                matched(row, match.count(), match.firstId());
                if (match.count() == 1) {
                    row.current = match.object();
                }
            }
            return;
        }
        List<ObjectService.LoadedMatch> matches = matchAll(codes, tuples, null);
        Map<Long, Row> toLoad = new LinkedHashMap<>();
        for (int i = 0; i < searchable.size(); i++) {
            Row row = searchable.get(i);
            ObjectService.LoadedMatch match = matches.get(i);
            matched(row, match.count(), match.firstId());
            if (match.count() == 1) {
                toLoad.put(match.firstId(), row);
            }
        }
        if (!toLoad.isEmpty()) {
            for (CmdbObject object : objects.getAll(mapping.className(), toLoad.keySet(), false)) {
                toLoad.get(object.id()).current = object;
            }
            for (Row row : toLoad.values()) {
                if (row.current == null) {
                    row.matchCount = 0; // deleted meanwhile: created again, as iTop would
                }
            }
        }
    }

    private void matched(Row row, int count, Long firstId) {
        row.matchCount = count;
        row.matchId = firstId;
        if (count > 0 && noReconciliationValue(row)) {
            // iTop updates what the empty values find: any object that lacks them, such as the one the previous row
            // without an e-mail created when reconciling by e-mail. Creating is still right when nothing is found (an
            // empty auto-numbered ref: a new ticket).
            Map<Integer, String> errors = new HashMap<>();
            String reason = "Invalid value for attribute. No reconciliation key has a value, and " + count + " object"
                    + (count == 1 ? " has" : "s have") + " none either: which one is meant cannot be told";
            reconciliationColumns.values().forEach(index -> errors.put(index, reason));
            row.outcome = rawOutcome(row, "Issue: failed to reconcile", errors);
        } else if (count > 1) {
            row.outcome = new RowOutcome(row.csv.index(), RowOutcome.Kind.ISSUE, "Issue: ambiguous reconciliation", null,
                    null, "Invalid value for attribute. Ambiguous: found " + count + " objects", rawCells(row, Map.of()));
        }
    }

    /**
     * The attributes compared with the CSV cells (external keys and value columns) when all are stored ones, which
     * the reconciliation statement can return; null when a column maps a computed attribute (whole objects are
     * loaded then).
     */
    private static List<String> comparedAttributes(ImportMapping mapping, List<Column> valueColumns) {
        Set<String> codes = new java.util.LinkedHashSet<>();
        for (ExtKey extKey : mapping.extKeys()) {
            codes.add(extKey.key().code());
        }
        for (Column column : valueColumns) {
            AttributeDef att = column.attribute();
            if (!att.isStored() || att.type().isLinkSet()) {
                return null;
            }
            codes.add(att.code());
        }
        return List.copyOf(codes);
    }

    /**
     * Reconciliation query, with the {@code compared} attributes of the objects when not null; a value that cannot be
     * bound for its column type simply matches nothing.
     */
    private List<ObjectService.LoadedMatch> matchAll(List<String> codes, List<List<Object>> tuples, List<String> compared) {
        List<Integer> bindable = new ArrayList<>();
        List<List<Object>> typed = new ArrayList<>();
        List<AttributeDef> keys = codes.stream().map(code -> code.equals("id") ? null
                : model.attribute(mapping.className(), code).orElseThrow()).toList();
        for (int i = 0; i < tuples.size(); i++) {
            List<Object> tuple = tuples.get(i);
            boolean ok = true;
            for (int c = 0; c < codes.size(); c++) {
                AttributeDef att = keys.get(c);
                if (tuple.get(c) instanceof String && (att == null || !att.type().isText())) {
                    ok = false;
                }
            }
            if (ok) {
                bindable.add(i);
                typed.add(tuple);
            }
        }
        List<ObjectService.LoadedMatch> result = new ArrayList<>(tuples.size());
        for (int i = 0; i < tuples.size(); i++) {
            result.add(new ObjectService.LoadedMatch(0, null, null));
        }
        List<ObjectService.LoadedMatch> found = compared != null
                ? objects.matchAllAndGet(mapping.className(), codes, typed, compared)
                : objects.matchAll(mapping.className(), codes, typed).stream()
                        .map(m -> new ObjectService.LoadedMatch(m.count(), m.firstId(), null)).toList();
        for (int i = 0; i < bindable.size(); i++) {
            result.set(bindable.get(i), found.get(i));
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------- values

    /** Step 3 of §2.7: every value column converted and checked against flags and field locks. */
    private void prepareValues(List<Row> wave) {
        Map<String, Map<Long, List<FieldLock>>> locksByClass = new HashMap<>();
        Map<String, List<Long>> idsByClass = new LinkedHashMap<>();
        for (Row row : wave) {
            if (row.alive() && row.current != null) {
                idsByClass.computeIfAbsent(row.current.className(), c -> new ArrayList<>()).add(row.current.id());
            }
        }
        idsByClass.forEach((cls, ids) -> locksByClass.put(cls, objects.fieldLocks(cls, ids)));
        Map<Integer, Map<Row, ResolvedLinkSet>> links = resolveLinkSets(wave);
        for (Row row : wave) {
            if (!row.alive()) {
                continue;
            }
            Set<String> locked = new HashSet<>();
            if (row.current != null) {
                locksByClass.getOrDefault(row.current.className(), Map.of()).getOrDefault(row.current.id(), List.of())
                        .forEach(lock -> locked.add(lock.attribute()));
            }
            for (int k = 0; k < mapping.extKeys().size(); k++) {
                AttributeDef key = mapping.extKeys().get(k).key();
                if (row.keyFailed[k]) {
                    row.cellErrors = true;
                    continue;
                }
                Long id = row.keyIds[k];
                if (row.current != null && locked.contains(key.code()) && !Objects.equals(id, row.current.getLong(key.code()))) {
                    row.cellErrors = true;
                    row.keyCells[k] = readOnlyMessage(key, String.valueOf(id == null ? "" : id), row.current.get(key.code()));
                    continue;
                }
                row.values.put(key.code(), id);
            }
            for (int v = 0; v < valueColumns.size(); v++) {
                Column column = valueColumns.get(v);
                AttributeDef att = column.attribute();
                if (att.type() == AttributeType.EXTERNAL_KEY) {
                    continue; // set from its search above
                }
                String cell = row.cells[column.index()];
                String error = att.type().isLinkSet() ? prepareLinks(row, att, cell, links.get(v).get(row))
                        : prepareValue(row, att, cell, locked.contains(att.code()));
                if (error != null) {
                    row.cellErrors = true;
                    row.valueCells[v] = error;
                }
            }
        }
    }

    /**
     * The link-set columns of a wave, resolved with a few statements for all its rows (iTop's text syntax, e.g.
     * {@code profileid->name:Administrator|profileid->name:REST Services User}), by value column and row.
     */
    private Map<Integer, Map<Row, ResolvedLinkSet>> resolveLinkSets(List<Row> wave) {
        Map<Integer, Map<Row, ResolvedLinkSet>> result = new HashMap<>();
        List<Row> alive = wave.stream().filter(Row::alive).toList();
        for (int v = 0; v < valueColumns.size(); v++) {
            Column column = valueColumns.get(v);
            if (!column.attribute().type().isLinkSet()) {
                continue;
            }
            List<String> texts = alive.stream().map(row -> row.cells[column.index()]).toList();
            List<ResolvedLinkSet> resolved = linkSets.resolveAll(mapping.className(), column.attribute().code(), texts,
                    LinkSetSyntax.ITOP_DEFAULT, linkCache);
            Map<Row, ResolvedLinkSet> byRow = new IdentityHashMap<>();
            for (int i = 0; i < alive.size(); i++) {
                byRow.put(alive.get(i), resolved.get(i));
            }
            result.put(v, byRow);
        }
        return result;
    }

    /** A link-set cell replaces the object's links; empty or {@code <NULL>} (a true null): no link. */
    private static String prepareLinks(Row row, AttributeDef att, String cell, ResolvedLinkSet links) {
        if (cell == null) {
            row.values.put(att.code(), List.of());
            return null;
        }
        if (!links.ok()) {
            return "'" + cell + "' is an invalid value. Failed to process input: " + links.error();
        }
        row.values.put(att.code(), links.links());
        return null;
    }

    /** Converts one cell into {@code row.values}; returns the cell's error text, if any. */
    private String prepareValue(Row row, AttributeDef att, String cell, boolean locked) {
        String shown = cell == null ? "" : cell;
        Object current = row.current == null ? null : row.current.get(att.code());
        Object value;
        try {
            value = convert(att, cell);
        } catch (ValueConverter.InvalidValueException e) {
            return "'" + shown + "' is an invalid value. " + (e.formatError() ? e.getMessage()
                    : Issue.unexpectedValue(att.code(), e.getMessage()).message());
        } catch (AllowedValuesException e) {
            return "'" + shown + "' is an invalid value. " + e.getMessage();
        }
        if (!att.isWritable() || locked) {
            if (!same(current, value)) {
                return readOnlyMessage(att, shown, current);
            }
            return null;
        }
        row.values.put(att.code(), value);
        return null;
    }

    private static String readOnlyMessage(AttributeDef att, String proposed, Object current) {
        return "'" + proposed + "' is an invalid value. The attribute '" + att.code() + "' is read-only and cannot be"
                + " modified (current value: " + ValueConverter.toText(current) + ", proposed value: " + proposed + ")";
    }

    /** Thrown for a localized enum label that matches no value. */
    private static final class AllowedValuesException extends RuntimeException {
        AllowedValuesException(String message) {
            super(message);
        }
    }

    private Object convert(AttributeDef att, String cell) {
        if (cell == null || cell.isEmpty()) {
            return null;
        }
        switch (att.type()) {
            case PASSWORD, CASE_LOG -> {
                return cell;
            }
            case ENUM -> {
                if (options.localize()) {
                    return enumCode(att, cell).orElseThrow(() -> new AllowedValuesException("Allowed '" + att.code()
                            + "' value(s): " + String.join(",", att.values())));
                }
                return ValueConverter.convert(att, cell);
            }
            default -> {
                return ValueConverter.convert(att, cell);
            }
        }
    }

    /** In localized mode an enum cell holds the value's label; labels are the values here, matched ignoring case. */
    private static Optional<String> enumCode(AttributeDef att, String cell) {
        return att.values().stream().filter(v -> v.equalsIgnoreCase(cell.trim())).findFirst();
    }

    static boolean same(Object before, Object after) {
        if (before instanceof BigDecimal a && after instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (before instanceof Number a && after instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        if (before == null || after == null) {
            return (before == null || "".equals(before)) && (after == null || "".equals(after));
        }
        if (before instanceof LocalDate || before instanceof LocalDateTime) {
            return before.equals(after);
        }
        return before.toString().equals(after.toString());
    }

    // ------------------------------------------------------------------------------------------- writing

    private void write(List<Row> wave, WriteContextHolder context, Savepoints savepoints) {
        List<Row> creations = new ArrayList<>();
        List<Row> updates = new ArrayList<>();
        List<String> missingKeys = missingExternalKeys();
        for (Row row : wave) {
            if (!row.alive()) {
                continue;
            }
            if (row.cellErrors) {
                row.outcome = cellsOutcome(row, "Issue: Unexpected attribute value(s)", proposedChanges(row));
            } else if (row.current == null) {
                if (!missingKeys.isEmpty()) {
                    // The new object was prepared before this check, as in iTop: its cells render as a creation's.
                    row.outcome = cellsOutcome(row, "Issue: Could not be created, due to missing external key(s): "
                            + String.join(", ", missingKeys), List.of());
                } else {
                    creations.add(row);
                }
            } else {
                Map<String, Object> changes = changes(row);
                if (changes.isEmpty()) {
                    row.outcome = cellsOutcome(row, "unchanged", List.of());
                } else {
                    row.values.clear();
                    row.values.putAll(changes);
                    updates.add(row);
                }
            }
        }
        if (creations.isEmpty() && updates.isEmpty()) {
            return;
        }
        try {
            writeInSavepoint(creations, updates, context, savepoints);
        } catch (RuntimeException chunkFailure) {
            context.afterRollback();
            // One row made the database refuse the batch: find it by writing each row on its own.
            for (Row row : creations) {
                writeAlone(row, List.of(row), List.of(), context, savepoints);
            }
            for (Row row : updates) {
                writeAlone(row, List.of(), List.of(row), context, savepoints);
            }
        }
    }

    /** Writes in a savepoint, rolled back when simulating (the change set then goes with the rest). */
    private void writeInSavepoint(List<Row> creations, List<Row> updates, WriteContextHolder context,
                                  Savepoints savepoints) {
        savepoints.run(() -> {
            apply(creations, updates, context);
            return null;
        }, !options.simulate());
        if (options.simulate()) {
            context.reset();
        }
    }

    private void writeAlone(Row row, List<Row> creations, List<Row> updates, WriteContextHolder context,
                            Savepoints savepoints) {
        try {
            writeInSavepoint(creations, updates, context, savepoints);
        } catch (RuntimeException e) {
            context.afterRollback();
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = String.valueOf(cause.getMessage()).replace('\n', ' ');
            row.outcome = rawOutcome(row, "Issue: Internal error: " + cause.getClass().getSimpleName() + ", " + message,
                    Map.of());
        }
    }

    private void apply(List<Row> creations, List<Row> updates, WriteContextHolder context) {
        if (!creations.isEmpty()) {
            List<WriteResult> results = objects.createAll(context.get(), creations.stream()
                    .map(r -> new NewObject(mapping.className(), r.values)).toList());
            for (int i = 0; i < creations.size(); i++) {
                Row row = creations.get(i);
                WriteResult result = results.get(i);
                if (result.ok()) {
                    row.outcome = createdOutcome(row, result);
                } else {
                    row.outcome = issuesOutcome(row, result.issues());
                }
            }
        }
        if (!updates.isEmpty()) {
            List<WriteResult> results = objects.updateAll(context.get(), updates.stream()
                    .map(r -> new ObjectUpdate(r.current.className(), r.current.id(), r.values)).toList());
            for (int i = 0; i < updates.size(); i++) {
                Row row = updates.get(i);
                WriteResult result = results.get(i);
                if (!result.ok()) {
                    row.outcome = issuesOutcome(row, result.issues());
                } else if (result.changedAttributes().isEmpty()) {
                    row.outcome = cellsOutcome(row, "unchanged", List.of());
                } else {
                    row.outcome = cellsOutcome(row, "updated " + result.changedAttributes().size() + " cols",
                            result.changedAttributes());
                }
            }
        }
    }

    /** The attributes whose value really changes (§2.7 step 7), with their new values. */
    private Map<String, Object> changes(Row row) {
        Map<String, Object> changes = new LinkedHashMap<>();
        row.values.forEach((code, value) -> {
            AttributeDef att = model.attribute(row.current.className(), code).orElse(null);
            if (att == null) {
                changes.put(code, value); // let the object service report it
            } else if (att.type() == AttributeType.CASE_LOG || att.type() == AttributeType.PASSWORD) {
                if (value != null) {
                    changes.put(code, value);
                }
            } else if (!same(row.current.get(code), value)) {
                changes.put(code, value);
            }
        });
        return changes;
    }

    /** Mandatory external keys of the class that no column supplies (§2.7 step 6), by label. */
    private List<String> missingExternalKeys() {
        if (model.cls(mapping.className()).isAbstract()) {
            return List.of();
        }
        Set<String> supplied = mapping.extKeys().stream().map(e -> e.key().code()).collect(Collectors.toSet());
        return model.attributes(mapping.className()).values().stream()
                .filter(a -> a.type() == AttributeType.EXTERNAL_KEY && a.mandatory() && !supplied.contains(a.code()))
                .map(AttributeDef::label).toList();
    }

    // ------------------------------------------------------------------------------------------- rendering

    /** Cells as given (external keys {@code n/a}), with some cells replaced by error texts (by column index). */
    private RowOutcome rawOutcome(Row row, String status, Map<Integer, String> errors) {
        return new RowOutcome(row.csv.index(), RowOutcome.Kind.ISSUE, status, null, null, null, rawCells(row, errors));
    }

    private List<String> rawCells(Row row, Map<Integer, String> errors) {
        if (!options.keepsDetails()) {
            return List.of();
        }
        List<String> cells = new ArrayList<>();
        for (int k = 0; k < mapping.extKeys().size(); k++) {
            cells.add("n/a");
        }
        for (Column column : valueColumns) {
            String error = errors.get(column.index());
            // The row's cells after the date pre-pass, which rewrites valid dates to the internal format (§2.7 step 1).
            String cell = row.cells[column.index()];
            cells.add(error != null ? error : cell == null ? "" : cell);
        }
        if (valueColumns.isEmpty() && !errors.isEmpty()) {
            cells.addAll(errors.values());
        }
        return withShownCells(row, cells);
    }

    /**
     * A row stopped at its external keys: the key cells that failed say why, the others have nothing to report
     * ({@code n/a}: iTop resolves no other key of a row it could not reconcile), the values are shown as given.
     */
    private RowOutcome keyOutcome(Row row, String status) {
        List<String> cells = new ArrayList<>();
        for (int k = 0; k < mapping.extKeys().size(); k++) {
            cells.add(row.keyFailed[k] ? row.keyCells[k] : "n/a");
        }
        for (Column column : valueColumns) {
            String cell = row.cells[column.index()];
            cells.add(cell == null ? "" : cell);
        }
        return new RowOutcome(row.csv.index(), RowOutcome.Kind.ISSUE, status, null, null, null, withShownCells(row, cells));
    }

    private RowOutcome createdOutcome(Row row, WriteResult result) {
        return new RowOutcome(row.csv.index(), RowOutcome.Kind.CREATED, "created", result.finalClass(),
                options.simulate() ? 0L : result.id(), null, renderedCells(row, List.of()));
    }

    /** Update outcomes and rows with cell errors: class and id of the existing object, rendered cells. */
    private RowOutcome cellsOutcome(Row row, String status, List<String> changed) {
        RowOutcome.Kind kind = status.startsWith("Issue") ? RowOutcome.Kind.ISSUE
                : status.equals("unchanged") ? RowOutcome.Kind.UNCHANGED : RowOutcome.Kind.UPDATED;
        String cls = row.current == null ? null : row.current.className();
        Long id = row.current == null ? null : row.current.id();
        return new RowOutcome(row.csv.index(), kind, status, cls, id, null, renderedCells(row, changed));
    }

    /** Issues reported by the object service: on a column when it names one, else in the status. */
    private RowOutcome issuesOutcome(Row row, List<Issue> issues) {
        List<String> unplaced = new ArrayList<>();
        for (Issue issue : issues) {
            boolean placed = false;
            for (int k = 0; k < mapping.extKeys().size() && issue.attribute() != null; k++) {
                if (mapping.extKeys().get(k).key().code().equals(issue.attribute())) {
                    row.keyFailed[k] = true;
                    row.keyCells[k] = "Invalid value for attribute. " + issue.message();
                    placed = true;
                }
            }
            for (int v = 0; v < valueColumns.size() && issue.attribute() != null; v++) {
                Column column = valueColumns.get(v);
                if (column.attribute().code().equals(issue.attribute()) && column.attribute().type() != AttributeType.EXTERNAL_KEY) {
                    String cell = row.csv.cells().get(column.index());
                    // <NULL> proposes no value: iTop words it as an issue without one.
                    row.valueCells[v] = (cell == null ? "Invalid value for attribute. " : "'" + cell + "' is an invalid value. ")
                            + issue.message();
                    placed = true;
                }
            }
            if (!placed) {
                unplaced.add(issue.message());
            }
        }
        String status = unplaced.isEmpty() ? "Issue: Unexpected attribute value(s)" : "Issue: " + String.join(", ", unplaced);
        return cellsOutcome(row, status, proposedChanges(row));
    }

    /** What a rejected row would have changed in its object: iTop marks those cells {@code Modified} all the same. */
    private List<String> proposedChanges(Row row) {
        return row.current == null ? List.of() : List.copyOf(changes(row).keySet());
    }

    /**
     * Cells of a row that reached the write step. For a new object values are rendered CSV-style (strings quoted),
     * for an existing one as text, a changed value followed by {@code Modified}; error texts replace their cell.
     */
    private List<String> renderedCells(Row row, List<String> changed) {
        if (!options.keepsDetails()) {
            return List.of();
        }
        boolean creating = row.current == null;
        List<String> cells = new ArrayList<>();
        for (int k = 0; k < mapping.extKeys().size(); k++) {
            AttributeDef key = mapping.extKeys().get(k).key();
            if (row.keyFailed[k] || row.keyCells[k] != null) {
                cells.add(row.keyCells[k]);
                continue;
            }
            Long id = row.keyIds[k];
            String text = id == null ? (creating ? "" : "") : id.toString();
            cells.add(changed.contains(key.code()) ? text + "Modified" : text);
        }
        for (int v = 0; v < valueColumns.size(); v++) {
            Column column = valueColumns.get(v);
            AttributeDef att = column.attribute();
            if (row.valueCells[v] != null) {
                cells.add(row.valueCells[v]);
                continue;
            }
            Object value;
            if (att.type() == AttributeType.EXTERNAL_KEY) {
                int k = indexOfKey(att.code());
                value = k < 0 ? null : row.keyIds[k];
            } else if (row.values.containsKey(att.code())) {
                value = row.values.get(att.code());
            } else if (row.current != null) {
                value = row.current.get(att.code());
            } else {
                String cell = row.cells[column.index()];
                value = cell;
            }
            // Link sets and case logs show the cell as given (iTop's text syntax), not the records it was read into.
            String text = att.type() == AttributeType.PASSWORD ? (value == null ? "" : "********")
                    : att.type() == AttributeType.CASE_LOG || att.type().isLinkSet()
                    ? String.valueOf(row.cells[column.index()] == null ? "" : row.cells[column.index()])
                    : ValueConverter.toText(value);
            if (creating) {
                cells.add(quoted(att) ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
            } else {
                cells.add(changed.contains(att.code()) ? text + "Modified" : text);
            }
        }
        return withShownCells(row, cells);
    }

    /**
     * {@code cells} (the external keys', then the value columns') with the cells of the shown columns
     * ({@code friendlyname}) put among the value columns' at their places in the input: as given, never checked or
     * written (§2.7 step 3 skips them), as iTop's details table shows them.
     */
    private List<String> withShownCells(Row row, List<String> cells) {
        if (displayedColumns.size() == valueColumns.size()) {
            return cells;
        }
        int keys = mapping.extKeys().size();
        List<String> merged = new ArrayList<>(cells.subList(0, keys));
        int next = keys;
        for (Column column : displayedColumns) {
            if (column.kind() == ImportMapping.Kind.SHOWN) {
                String cell = row.cells[column.index()];
                merged.add(cell == null ? "" : cell);
            } else if (next < cells.size()) {
                merged.add(cells.get(next++));
            }
        }
        merged.addAll(cells.subList(next, cells.size()));
        return merged;
    }

    private int indexOfKey(String code) {
        for (int k = 0; k < mapping.extKeys().size(); k++) {
            if (mapping.extKeys().get(k).key().code().equals(code)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean quoted(AttributeDef att) {
        return switch (att.type()) {
            case INTEGER, DECIMAL, EXTERNAL_KEY, BOOLEAN -> false;
            default -> true;
        };
    }

    private static Long parseLongOrNull(String cell) {
        try {
            return Long.parseLong(cell.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
