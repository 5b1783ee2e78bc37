-- Audit trail: one row per action, hash-chained per chain_id (one chain per gateway instance,
-- or one global chain when instances share a chain id).
CREATE TABLE audit_event (
    chain_id        VARCHAR(64)  NOT NULL,
    seq             BIGINT       NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type      VARCHAR(32)  NOT NULL,
    actor           VARCHAR(256) NOT NULL,
    actor_groups    VARCHAR(2048) NOT NULL,
    tool            VARCHAR(128),
    connection_name VARCHAR(128),
    statement_kind  VARCHAR(32),
    decision        VARCHAR(16),
    rule_id         VARCHAR(128),
    reason_code     VARCHAR(64),
    outcome         VARCHAR(32)  NOT NULL,
    duration_ms     BIGINT,
    correlation_id  VARCHAR(64),
    session_id      VARCHAR(128),
    enforcement     VARCHAR(16)  NOT NULL,
    payload         VARCHAR      NOT NULL,
    prev_hash       VARCHAR(64)  NOT NULL,
    hash            VARCHAR(64)  NOT NULL,
    PRIMARY KEY (chain_id, seq),
    CONSTRAINT audit_event_id_unique UNIQUE (event_id)
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_actor ON audit_event (actor);
CREATE INDEX audit_event_tool ON audit_event (tool);
