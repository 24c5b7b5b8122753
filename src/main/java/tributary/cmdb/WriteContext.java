package tributary.cmdb;

import java.util.Objects;

/**
 * Who writes, from where and why: one context is one operation and gets one change set (created at its first
 * write). A context may also be resumed on an existing change set (a restarted import keeps its change set).
 */
public final class WriteContext {

    /** Origins of change sets, as iTop names them. */
    public static final String ORIGIN_REST = "webservice-rest";
    public static final String ORIGIN_CSV_IMPORT = "csv-import";
    public static final String ORIGIN_SYNCHRO = "synchro";
    public static final String ORIGIN_CLI = "cli";
    public static final String ORIGIN_INTERACTIVE = "interactive";

    private final String userLogin;
    private final Long userId;
    private final String origin;
    private final String userInfo;
    private final Long actingDataSourceId;
    private final boolean administrator;
    private Long changeId;

    private WriteContext(String userLogin, Long userId, boolean administrator, String origin, String userInfo,
                         Long actingDataSourceId, Long changeId) {
        this.userLogin = userLogin;
        this.userId = userId;
        this.administrator = administrator;
        this.origin = Objects.requireNonNull(origin);
        this.userInfo = userInfo == null ? "" : userInfo;
        this.actingDataSourceId = actingDataSourceId;
        this.changeId = changeId;
    }

    /** A context for a user ({@code userId} may be null for system work). */
    public static WriteContext of(String userLogin, Long userId, boolean administrator, String origin, String userInfo) {
        return new WriteContext(userLogin, userId, administrator, origin, userInfo, null, null);
    }

    /** The same writer acting as data source {@code dataSourceId}: that source's own field locks do not apply. */
    public WriteContext asDataSource(long dataSourceId) {
        return new WriteContext(userLogin, userId, administrator, origin, userInfo, dataSourceId, changeId);
    }

    /** The same writer continuing an existing change set. */
    public WriteContext resumingChange(long existingChangeId) {
        return new WriteContext(userLogin, userId, administrator, origin, userInfo, actingDataSourceId, existingChangeId);
    }

    public String userLogin() {
        return userLogin;
    }

    public Long userId() {
        return userId;
    }

    public boolean administrator() {
        return administrator;
    }

    public String origin() {
        return origin;
    }

    public String userInfo() {
        return userInfo;
    }

    public Long actingDataSourceId() {
        return actingDataSourceId;
    }

    /** The change set of this operation, or null before its first write. */
    public Long changeId() {
        return changeId;
    }

    void changeId(long id) {
        this.changeId = id;
    }
}
