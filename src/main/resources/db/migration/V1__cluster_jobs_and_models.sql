-- Cluster mode (digitnet.mode=cluster). Versions V1-V19 belong to the cluster feature, V20-V29 to datasets,
-- V30-V39 to sweeps. JobRunr creates and migrates its own jobrunr_* tables.

-- One row per training job. The job itself is the JSON snapshot the file mode writes to job.json; status, owner and
-- fence are columns so that claims and fenced writes are single conditional UPDATEs.
create table training_jobs (
    id               varchar(64) primary key,
    created_at       timestamptz not null,
    status           varchar(16) not null,
    snapshot         text        not null,
    -- the instance that holds the job now (null while it waits or after it ended), and the lease it holds it by:
    -- every claim increments fence, and every write of the holder names both, so a stalled instance that comes back
    -- after another took the job over writes nothing
    owner            varchar(255),
    fence            bigint      not null default 0,
    cancel_requested boolean     not null default false,
    updated_at       timestamptz not null default now()
);
create index training_jobs_status on training_jobs (status, created_at);

-- The latest epoch-boundary checkpoint of a job: the same npz and index the file mode keeps in the jobs folder.
create table job_checkpoints (
    job_id           varchar(64) primary key references training_jobs (id) on delete cascade,
    completed_epochs integer     not null,
    index_json       text        not null,
    weights          bytea       not null
);

-- Models: weights.npz and model.json bytes with their SHA-256, and the evaluation once computed.
create table models (
    id              varchar(64) primary key,
    created_at      timestamptz not null,
    metadata        bytea       not null,
    metadata_sha256 char(64)    not null,
    weights         bytea       not null,
    weights_sha256  char(64)    not null,
    evaluation      bytea
);

create table model_aliases (
    alias      varchar(128) primary key,
    model_id   varchar(64)  not null references models (id),
    updated_at timestamptz  not null default now()
);
