-- A display may pin an end-to-end channel with its hub at pairing: the display's static X25519
-- public key (raw 32 bytes). The hub's relay module accepts a remote viewer only by this key.
-- Whether a grant also works from away is the grant's existing `remote` flag (0: LAN only).

ALTER TABLE display ADD COLUMN channel_key BLOB CHECK (channel_key IS NULL OR length(channel_key) = 32);
