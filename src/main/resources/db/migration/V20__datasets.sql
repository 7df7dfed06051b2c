-- Uploaded datasets in cluster mode (V20-V29 belong to datasets). A dataset is its record (the dataset.json of the
-- file mode: name, source, class names, counts per class, SHA-256 of each file) and its four standard IDX files,
-- gzipped and cut into chunks of a few MB so that no single value holds a whole file. A dataset is inserted in one
-- transaction, row and chunks together: other instances see all of it or nothing.
create table datasets (
    name       varchar(63) primary key,
    created_at timestamptz not null,
    record     text        not null
);

create table dataset_chunks (
    dataset varchar(63) not null references datasets (name) on delete cascade,
    file    varchar(64) not null,
    chunk   integer     not null,
    content bytea       not null,
    primary key (dataset, file, chunk)
);
