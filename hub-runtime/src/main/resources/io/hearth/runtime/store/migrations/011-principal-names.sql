-- One name per idea: a token's holder is a principal, as in grants (principal_kind, principal_id).
ALTER TABLE token RENAME COLUMN subject_kind TO principal_kind;
ALTER TABLE token RENAME COLUMN subject_id TO principal_id;
