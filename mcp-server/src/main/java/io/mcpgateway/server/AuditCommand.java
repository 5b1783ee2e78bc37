package io.mcpgateway.server;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import tools.jackson.databind.json.JsonMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.mcpgateway.audit.AuditQuery;
import io.mcpgateway.audit.AuditRecord;
import io.mcpgateway.audit.ChainVerification;

/**
 * {@code gateway audit verify} and {@code gateway audit search}.
 */
@Command(name = "audit", description = "Verify and search the audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Recomputes the chain. */
    @Command(name = "verify", description = "Recompute the hash chain; print OK or the first broken link.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Gateway gateway = Gateway.create(options.load(), Clock.systemUTC())) {
                List<ChainVerification> results = gateway.auditLog().verify();
                PrintWriter out = spec.commandLine().getOut();
                boolean ok = true;
                for (ChainVerification v : results) {
                    if (v.intact()) {
                        out.println("OK chain " + v.chainId() + ": " + v.records() + " record(s), every link holds");
                    } else {
                        ok = false;
                        out.println("BROKEN chain " + v.chainId() + " at record " + v.brokenAtSeq().orElseThrow()
                                + ": " + v.problem());
                    }
                }
                if (results.isEmpty()) {
                    out.println("OK: the audit trail is empty");
                }
                return ok ? 0 : 1;
            }
        }
    }

    /** Searches the trail. */
    @Command(name = "search", description = "Search audit events, newest first.")
    static final class Search implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--user", description = "Caller subject")
        String user;
        @Option(names = "--tool", description = "Tool name")
        String tool;
        @Option(names = "--connection", description = "Connection name")
        String connection;
        @Option(names = "--statement-type", description = "Statement kind: READ, INSERT, UPDATE, DELETE, DDL, ...")
        String statementType;
        @Option(names = "--outcome", description = "executed, denied, invalid_arguments, approval_required, failed, ...")
        String outcome;
        @Option(names = "--since", description = "ISO instant, e.g. 2026-01-31T00:00:00Z")
        Instant since;
        @Option(names = "--until", description = "ISO instant")
        Instant until;
        @Option(names = "--limit", defaultValue = "100", description = "Maximum events (default 100)")
        int limit;
        @Option(names = "--json", description = "One JSON object per line")
        boolean json;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Gateway gateway = Gateway.create(options.load(), Clock.systemUTC())) {
                List<AuditRecord> records = gateway.auditLog().search(new AuditQuery(user, tool, connection,
                        statementType == null ? null : statementType.toUpperCase(java.util.Locale.ROOT), outcome,
                        since, until, limit));
                PrintWriter out = spec.commandLine().getOut();
                JsonMapper mapper = JsonMapper.builder().build();
                for (AuditRecord r : records) {
                    var e = r.event();
                    if (json) {
                        out.println(mapper.writeValueAsString(AuditApi.toMap(r, mapper)));
                    } else {
                        out.printf("%s  #%d  %-11s %-24s %-28s %-14s %-18s %s%n", e.occurredAt(), r.seq(), e.type(),
                                e.actor(), e.tool(), e.connection() == null ? "-" : e.connection(), e.outcome(),
                                e.ruleId() == null ? "" : e.ruleId());
                    }
                }
                return 0;
            }
        }
    }
}
