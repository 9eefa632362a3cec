// Versioned schema migrations, applied in order, each in its own
// transaction, recorded in schema_migrations. Never edit a released
// migration: add the next one.
import type { SqlClient } from './sql-client';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'scan runs, host results, raw outputs',
    sql: `
      CREATE TABLE scan_runs (
        run_id text PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        scope jsonb NOT NULL,
        operator text NOT NULL,
        fleet text NOT NULL,
        total integer NOT NULL,
        ok integer,
        failed integer,
        cancelled boolean
      );
      CREATE TABLE host_results (
        run_id text NOT NULL REFERENCES scan_runs (run_id),
        host text NOT NULL,
        dc text NOT NULL,
        phase text NOT NULL,
        reason text,
        started_at timestamptz,
        finished_at timestamptz NOT NULL,
        detected_os text,
        identity jsonb,
        PRIMARY KEY (run_id, host)
      );
      CREATE INDEX host_results_by_host ON host_results (host, finished_at DESC);
      CREATE TABLE command_outputs (
        run_id text NOT NULL,
        host text NOT NULL,
        position integer NOT NULL,
        command_id text NOT NULL,
        command text NOT NULL,
        exit_code integer,
        stdout bytea NOT NULL,
        stderr bytea NOT NULL,
        duration_ms integer NOT NULL,
        error text,
        PRIMARY KEY (run_id, host, position),
        FOREIGN KEY (run_id, host) REFERENCES host_results (run_id, host)
      );
    `,
  },
  {
    version: 2,
    name: 'findings and facts per host result',
    sql: `
      ALTER TABLE host_results ADD COLUMN findings jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE host_results ADD COLUMN facts jsonb NOT NULL DEFAULT '{}';
    `,
  },
  {
    version: 3,
    name: 'command outputs say when they were cut at an output cap',
    sql: `
      ALTER TABLE command_outputs ADD COLUMN truncated jsonb;
    `,
  },
  {
    version: 4,
    name: 'restore tests and their evidence',
    sql: `
      CREATE TABLE restore_tests (
        test_id text PRIMARY KEY,
        host text NOT NULL,
        dc text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        outcome text NOT NULL,
        evidence jsonb NOT NULL
      );
      CREATE INDEX restore_tests_by_host ON restore_tests (host, started_at DESC);
    `,
  },
  {
    version: 6,
    name: 'scan runs interrupted by the end of the process that ran them',
    sql: `
      ALTER TABLE scan_runs ADD COLUMN interrupted_at timestamptz;
    `,
  },
  {
    version: 8,
    name: 'drill runs: append-only event log, one live run per plan',
    sql: `
      CREATE TABLE drill_run_events (
        run_id text NOT NULL,
        seq integer NOT NULL,
        plan_id text NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE INDEX drill_run_events_by_plan ON drill_run_events (plan_id, at);
      CREATE TABLE drill_live_runs (
        plan_id text PRIMARY KEY,
        run_id text NOT NULL UNIQUE
      );
    `,
  },
  {
    version: 9,
    name: 'integrity checks: which part of which repository was read when, and the result',
    sql: `
      CREATE TABLE integrity_checks (
        check_id text PRIMARY KEY,
        host text NOT NULL,
        dc text NOT NULL,
        job_index integer NOT NULL,
        tool text NOT NULL,
        subset integer NOT NULL,
        subsets integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        outcome text NOT NULL,
        run jsonb NOT NULL
      );
      CREATE INDEX integrity_checks_by_job ON integrity_checks (host, job_index, started_at DESC);
    `,
  },
  {
    version: 12,
    name: 'raw outputs stored once by content hash; scan results held as evidence are kept by retention',
    sql: `
      CREATE TABLE output_blobs (
        sha256 bytea PRIMARY KEY,
        bytes bytea NOT NULL
      );
      INSERT INTO output_blobs (sha256, bytes)
        SELECT sha256(b), b FROM (SELECT stdout AS b FROM command_outputs UNION SELECT stderr FROM command_outputs) AS every_output
        ON CONFLICT DO NOTHING;
      ALTER TABLE command_outputs ADD COLUMN stdout_sha256 bytea REFERENCES output_blobs (sha256);
      ALTER TABLE command_outputs ADD COLUMN stderr_sha256 bytea REFERENCES output_blobs (sha256);
      UPDATE command_outputs SET stdout_sha256 = sha256(stdout), stderr_sha256 = sha256(stderr);
      ALTER TABLE command_outputs ALTER COLUMN stdout_sha256 SET NOT NULL;
      ALTER TABLE command_outputs ALTER COLUMN stderr_sha256 SET NOT NULL;
      ALTER TABLE command_outputs DROP COLUMN stdout;
      ALTER TABLE command_outputs DROP COLUMN stderr;
      CREATE INDEX command_outputs_by_stdout ON command_outputs (stdout_sha256);
      CREATE INDEX command_outputs_by_stderr ON command_outputs (stderr_sha256);
      CREATE INDEX host_results_by_finished ON host_results (finished_at);
      CREATE TABLE evidence_holds (
        run_id text NOT NULL,
        host text NOT NULL,
        held_by text NOT NULL,
        held_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, host, held_by),
        FOREIGN KEY (run_id, host) REFERENCES host_results (run_id, host)
      );
    `,
  },
  {
    version: 17,
    name: 'facts, findings and output lists stored once by content hash: an unchanged host adds a small row per scan',
    // host_results becomes a view over host_result_rows that rebuilds facts,
    // findings and command_outputs from their content-addressed documents, so
    // every existing reader keeps its SQL. Hashes are taken in SQL over jsonb's
    // own text (keys in jsonb order), so the migration and later scans agree.
    sql: `
      CREATE TABLE result_docs (
        sha256 bytea PRIMARY KEY,
        doc jsonb NOT NULL
      );
      CREATE TABLE output_sets (
        sha256 bytea PRIMARY KEY,
        outputs jsonb NOT NULL
      );
      CREATE TABLE output_set_blobs (
        set_sha256 bytea NOT NULL REFERENCES output_sets (sha256) ON DELETE CASCADE,
        blob_sha256 bytea NOT NULL REFERENCES output_blobs (sha256),
        PRIMARY KEY (set_sha256, blob_sha256)
      );
      CREATE INDEX output_set_blobs_by_blob ON output_set_blobs (blob_sha256);
      ALTER TABLE host_results RENAME TO host_result_rows;
      ALTER TABLE host_result_rows ADD COLUMN fact_refs jsonb NOT NULL DEFAULT '{}';
      ALTER TABLE host_result_rows ADD COLUMN findings_sha256 bytea REFERENCES result_docs (sha256);
      ALTER TABLE host_result_rows ADD COLUMN outputs_sha256 bytea REFERENCES output_sets (sha256);
      ALTER TABLE host_result_rows ADD COLUMN durations_ms integer[] NOT NULL DEFAULT '{}';
      INSERT INTO result_docs (sha256, doc)
        SELECT sha256(convert_to(findings::text, 'UTF8')), findings FROM host_result_rows ON CONFLICT DO NOTHING;
      UPDATE host_result_rows SET findings_sha256 = sha256(convert_to(findings::text, 'UTF8'));
      INSERT INTO result_docs (sha256, doc)
        SELECT sha256(convert_to(area.value::text, 'UTF8')), area.value FROM host_result_rows CROSS JOIN LATERAL jsonb_each(facts) AS area
        ON CONFLICT DO NOTHING;
      UPDATE host_result_rows SET fact_refs = coalesce((SELECT jsonb_object_agg(area.key, encode(sha256(convert_to(area.value::text, 'UTF8')), 'hex')) FROM jsonb_each(facts) AS area), '{}');
      CREATE TABLE migrated_output_sets AS
        SELECT run_id, host,
               jsonb_agg(jsonb_build_object('commandId', command_id, 'command', command, 'exitCode', exit_code, 'error', error, 'truncated', truncated,
                                            'stdout', encode(stdout_sha256, 'hex'), 'stderr', encode(stderr_sha256, 'hex')) ORDER BY position) AS outputs,
               array_agg(duration_ms ORDER BY position) AS durations
          FROM command_outputs GROUP BY run_id, host;
      INSERT INTO output_sets (sha256, outputs)
        SELECT sha256(convert_to(outputs::text, 'UTF8')), outputs FROM migrated_output_sets ON CONFLICT DO NOTHING;
      INSERT INTO output_set_blobs (set_sha256, blob_sha256)
        SELECT DISTINCT sha256(convert_to(m.outputs::text, 'UTF8')), blob.sha256
          FROM migrated_output_sets m JOIN command_outputs o ON o.run_id = m.run_id AND o.host = m.host
          CROSS JOIN LATERAL (VALUES (o.stdout_sha256), (o.stderr_sha256)) AS blob(sha256)
        ON CONFLICT DO NOTHING;
      UPDATE host_result_rows h SET outputs_sha256 = sha256(convert_to(m.outputs::text, 'UTF8')), durations_ms = m.durations
        FROM migrated_output_sets m WHERE m.run_id = h.run_id AND m.host = h.host;
      DROP TABLE migrated_output_sets;
      DROP TABLE command_outputs;
      ALTER TABLE host_result_rows DROP COLUMN facts;
      ALTER TABLE host_result_rows DROP COLUMN findings;
      CREATE INDEX host_result_rows_by_outputs ON host_result_rows (outputs_sha256);
      CREATE FUNCTION result_doc(hash bytea) RETURNS jsonb LANGUAGE sql STABLE AS $$ SELECT doc FROM result_docs WHERE sha256 = hash $$;
      CREATE FUNCTION result_area(refs jsonb, area text) RETURNS jsonb LANGUAGE sql STABLE AS $$ SELECT doc FROM result_docs WHERE sha256 = decode(refs ->> area, 'hex') $$;
      CREATE FUNCTION result_facts(refs jsonb) RETURNS jsonb LANGUAGE sql STABLE AS
        $$ SELECT coalesce(jsonb_object_agg(r.key, d.doc), '{}'::jsonb) FROM jsonb_each_text(refs) AS r JOIN result_docs d ON d.sha256 = decode(r.value, 'hex') $$;
      CREATE VIEW host_results AS
        SELECT run_id, host, dc, phase, reason, started_at, finished_at, detected_os, identity, fact_refs, findings_sha256, outputs_sha256, durations_ms,
               coalesce(result_doc(findings_sha256), '[]'::jsonb) AS findings, result_facts(fact_refs) AS facts
          FROM host_result_rows;
      CREATE VIEW command_outputs AS
        SELECT h.run_id, h.host, (o.ordinality - 1)::integer AS position, o.value ->> 'commandId' AS command_id, o.value ->> 'command' AS command,
               (o.value ->> 'exitCode')::integer AS exit_code, coalesce(h.durations_ms[o.ordinality], 0) AS duration_ms, o.value ->> 'error' AS error,
               nullif(o.value -> 'truncated', 'null'::jsonb) AS truncated,
               decode(o.value ->> 'stdout', 'hex') AS stdout_sha256, decode(o.value ->> 'stderr', 'hex') AS stderr_sha256
          FROM host_result_rows h JOIN output_sets s ON s.sha256 = h.outputs_sha256
          CROSS JOIN LATERAL jsonb_array_elements(s.outputs) WITH ORDINALITY AS o(value, ordinality);
    `,
  },
  {
    version: 21,
    name: 'the store says it is an OpsDeck store; audit log chain heads anchored per workstation',
    sql: `
      CREATE TABLE opsdeck_store (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO opsdeck_store DEFAULT VALUES;
      CREATE TABLE audit_anchors (
        workstation text NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL DEFAULT current_user,
        PRIMARY KEY (workstation, seq)
      );
    `,
  },
  {
    version: 22,
    name: 'drill run holders: one engineer holds a live drill run at a time',
    sql: `
      CREATE TABLE drill_holders (
        run_id text PRIMARY KEY,
        holder text NOT NULL DEFAULT current_user,
        held_since timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 23,
    name: 'the fleet an operator scanned, so a viewer without an inventory sees its sites and hosts',
    sql: `
      CREATE TABLE fleet_snapshots (
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL DEFAULT current_user,
        label text NOT NULL,
        inventory jsonb NOT NULL,
        PRIMARY KEY (recorded_at, recorded_by)
      );
    `,
  },
];

export async function migrate(client: SqlClient, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await client.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  if (newest > known) {
    throw new Error(`the store was written by a newer OpsDeck (schema version ${newest}; this one knows up to ${known}); refusing to touch it`);
  }
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await client.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
    ran.push(migration.version);
  }
  return ran;
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
