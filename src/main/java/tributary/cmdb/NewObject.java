package tributary.cmdb;

import java.util.Map;

/**
 * An object to create: its class and raw values by attribute code (scalars as {@link ValueConverter} accepts them,
 * link sets as lists of maps of link attribute values, case logs as String or {@link CaseLog} inputs).
 */
public record NewObject(String className, Map<String, Object> values) {
}
