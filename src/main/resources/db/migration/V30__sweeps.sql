-- Sweeps of cluster mode (digitnet.mode=cluster): one row per sweep holding the same JSON snapshot the file mode
-- writes to <sweeps dir>/<id>.json. Every change to a sweep holds its row (select ... for update) for the whole
-- change, trial submissions included, so instances feeding the same sweep take turns and see each other's trials.
create table sweeps (
    id         varchar(64) primary key,
    created_at timestamptz not null,
    status     varchar(16) not null,
    -- SweepSnapshot.version of the stored snapshot: it grows by at least one with every stored change
    version    bigint      not null,
    snapshot   text        not null,
    updated_at timestamptz not null default now()
);
create index sweeps_status on sweeps (status, created_at);
