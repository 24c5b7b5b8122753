package tributary.cmdb;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tributary.model.AttributeDef;

/**
 * The stored columns of a new object, by column name in the class's attribute order, read from the object's values
 * when asked: the row of a bulk creation without a map of its own (building one per object was a fifth of what a
 * creation's writer allocated). Auto-numbered attributes take their value from the id.
 */
final class StoredColumns extends AbstractMap<String, Object> {

    /** The stored attributes of one class, by column name, shared by all its new objects. */
    static final class Layout {
        private final List<AttributeDef> stored;
        private final Map<String, AttributeDef> byColumn = new LinkedHashMap<>();
        private final Set<String> columns;

        Layout(List<AttributeDef> stored) {
            this.stored = List.copyOf(stored);
            stored.forEach(att -> byColumn.put(att.column(), att));
            this.columns = Collections.unmodifiableSet(new LinkedHashSet<>(byColumn.keySet()));
        }
    }

    private final Layout layout;
    private final long id;
    private final Map<String, Object> values;

    /** {@code values}: the object's converted values by attribute code; read, never copied. */
    StoredColumns(Layout layout, long id, Map<String, Object> values) {
        this.layout = layout;
        this.id = id;
        this.values = values;
    }

    private Object valueOf(AttributeDef att) {
        return att.autoNumber() != null ? String.format(Locale.ROOT, att.autoNumber(), id) : values.get(att.code());
    }

    @Override
    public Object get(Object column) {
        AttributeDef att = layout.byColumn.get(column);
        return att == null ? null : valueOf(att);
    }

    @Override
    public boolean containsKey(Object column) {
        return layout.byColumn.containsKey(column);
    }

    @Override
    public int size() {
        return layout.stored.size();
    }

    @Override
    public Set<String> keySet() {
        return layout.columns;
    }

    @Override
    public Collection<Object> values() {
        return view(this::valueOf);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Collection<Entry<String, Object>> entries = view(att -> new SimpleImmutableEntry<>(att.column(), valueOf(att)));
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return entries.iterator();
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }

    /** The stored attributes, each seen through {@code view}, in order, without copying. */
    private <T> Collection<T> view(Function<AttributeDef, T> view) {
        return new AbstractCollection<>() {
            @Override
            public Iterator<T> iterator() {
                Iterator<AttributeDef> atts = layout.stored.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return atts.hasNext();
                    }

                    @Override
                    public T next() {
                        return view.apply(atts.next());
                    }
                };
            }

            @Override
            public int size() {
                return layout.stored.size();
            }
        };
    }
}
