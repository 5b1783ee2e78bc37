package io.mcpgateway.guardrails;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SQL functions a hard guard refuses, with the reason for each: they reach outside the database
 * (files, programs, other servers), stall it (sleeps, waits, locks), change server or session
 * settings, or run SQL built from text that the gateway cannot analyse. Names are matched
 * case-insensitively against every part of a qualified name, so {@code pg_catalog.pg_sleep},
 * {@code "PG_SLEEP"} and {@code utl_http.request} are all caught.
 *
 * <p>The default list covers PostgreSQL, MySQL/MariaDB and H2 (and the best-known Oracle and SQL
 * Server equivalents). Operators add names ({@code policy.sql.deny-functions}) or lift one
 * ({@code policy.sql.allow-functions}).
 */
public final class DangerousFunctions {

    private static final String FILES = "reads or writes files on the database server";
    private static final String PROGRAMS = "runs programs or code on the database server";
    private static final String STALLS = "stalls the database (sleeps, waits or locks) and can be used to deny service";
    private static final String REMOTE = "opens connections to other servers or sends data out of the database";
    private static final String LARGE_OBJECTS = "imports, exports or changes large objects";
    private static final String SETTINGS = "changes server settings, sessions or replication";
    private static final String DYNAMIC = "runs SQL built from text that the gateway cannot analyse";
    private static final String CONFIGURED = "is denied by this gateway's policy";

    private static final Map<String, String> DEFAULTS = defaultList();

    private final Map<String, String> denied;

    private DangerousFunctions(Map<String, String> denied) {
        this.denied = Map.copyOf(denied);
    }

    /**
     * The default list.
     *
     * @return defaults
     */
    public static DangerousFunctions defaults() {
        return new DangerousFunctions(DEFAULTS);
    }

    /**
     * The default list with names added and lifted.
     *
     * @param deny  names to add
     * @param allow names to remove
     * @return the list
     * @throws IllegalArgumentException when a name to lift is not on the list (likely a typo)
     */
    public static DangerousFunctions create(Collection<String> deny, Collection<String> allow) {
        Map<String, String> map = new LinkedHashMap<>(DEFAULTS);
        for (String name : deny) {
            map.put(normalize(name), CONFIGURED);
        }
        for (String name : allow) {
            if (map.remove(normalize(name)) == null) {
                throw new IllegalArgumentException("policy.sql.allow-functions: '" + name
                        + "' is not a denied function, so there is nothing to allow");
            }
        }
        return new DangerousFunctions(map);
    }

    /**
     * Why a function (possibly qualified, possibly quoted) is refused.
     *
     * @param name function name as written
     * @return the reason, when it is denied
     */
    public Optional<String> reason(String name) {
        for (String part : normalize(name).split("\\.")) {
            String reason = denied.get(part);
            if (reason != null) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /**
     * A stable text of the list, for the policy version.
     *
     * @return sorted names
     */
    String canonical() {
        return String.join(",", new TreeMap<>(denied).keySet());
    }

    private static String normalize(String name) {
        return name.replace("\"", "").replace("`", "").replace("[", "").replace("]", "").trim()
                .toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> defaultList() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, FILES, "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir",
                "pg_ls_waldir", "pg_ls_tmpdir", "pg_ls_archive_statusdir", "pg_file_write", "pg_file_rename",
                "pg_file_unlink", "pg_file_sync", "pg_logdir_ls", "load_file", "file_read", "file_write", "csvread",
                "csvwrite", "utl_file", "bfilename", "openrowset", "opendatasource");
        put(m, PROGRAMS, "sys_exec", "sys_eval", "xp_cmdshell", "dbms_java", "dbms_scheduler", "java_call");
        put(m, STALLS, "pg_sleep", "pg_sleep_for", "pg_sleep_until", "sleep", "benchmark", "pg_advisory_lock",
                "pg_advisory_lock_shared", "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "get_lock",
                "master_pos_wait", "source_pos_wait", "wait_for_executed_gtid_set",
                "wait_until_sql_thread_after_gtids", "dbms_lock", "dbms_pipe", "pg_terminate_backend",
                "pg_cancel_backend", "cancel_session", "abort_session");
        put(m, REMOTE, "dblink", "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query",
                "dblink_open", "dblink_fetch", "dblink_get_result", "dblink_build_sql_insert", "link_schema",
                "openquery", "utl_http", "utl_inaddr", "utl_tcp", "utl_smtp", "httpuritype", "dbms_ldap", "http_get",
                "http_post", "http_put", "http_delete", "http_patch", "http_head", "pg_notify");
        put(m, LARGE_OBJECTS, "lo_import", "lo_export", "lo_from_bytea", "lo_put", "lo_create", "lo_creat",
                "lo_unlink", "lo_open", "lowrite", "lo_truncate");
        put(m, SETTINGS, "set_config", "pg_reload_conf", "pg_rotate_logfile", "pg_promote", "pg_switch_wal",
                "pg_create_restore_point", "pg_start_backup", "pg_stop_backup", "pg_backup_start", "pg_backup_stop",
                "pg_create_physical_replication_slot", "pg_create_logical_replication_slot",
                "pg_drop_replication_slot", "pg_replication_origin_create", "pg_logical_emit_message",
                "pg_wal_replay_pause", "pg_wal_replay_resume");
        put(m, DYNAMIC, "query_to_xml", "query_to_xml_and_xmlschema", "query_to_xmlschema", "cursor_to_xml",
                "cursor_to_xmlschema", "table_to_xml", "table_to_xml_and_xmlschema", "table_to_xmlschema",
                "schema_to_xml", "schema_to_xml_and_xmlschema", "schema_to_xmlschema", "database_to_xml",
                "database_to_xml_and_xmlschema", "database_to_xmlschema", "dbms_sql", "dbms_xmlgen",
                "sp_executesql", "exec");
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String reason, String... names) {
        for (String name : List.of(names)) {
            m.put(name, reason);
        }
    }
}
