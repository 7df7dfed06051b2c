-- Uploads being processed, cluster-wide. POST /datasets claims the name with a row in status 'provisioning' before it
-- answers (the primary key makes the claim unique across instances); the row turns 'ready' in the transaction that
-- stores the dataset, 'failed' (with the reason) when processing fails, and is removed when an upload is refused.
-- While a row is provisioning, record holds only the upload's source (JSON); owner is the instance processing it and
-- claim the upload's token, and that instance refreshes heartbeat_at every few seconds. A provisioning row whose
-- heartbeat is older than the staleness limit (its instance died) is reported as failed and may be claimed again.
alter table datasets
    add column status       varchar(16)  not null default 'ready',
    add column reason       text,
    add column owner        varchar(255),
    add column claim        varchar(64),
    add column heartbeat_at timestamptz;
