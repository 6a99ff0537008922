-- Which passkey opened a sign-in (docs/signin.md): removing a passkey ends the sign-ins it opened,
-- as a lost or stolen phone's sessions must end at once. Null for sign-ins opened by a password or
-- at set-up, and for every sign-in opened before this column existed. No foreign key: the passkey
-- row goes, the sign-ins it opened stay (revoked) for their member's history until they expire.

ALTER TABLE signin ADD COLUMN passkey_id TEXT;

CREATE INDEX signin_by_passkey ON signin (passkey_id);
