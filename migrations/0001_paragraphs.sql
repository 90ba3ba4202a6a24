-- Paragraph translations, one row each, written for a whole article in one statement
-- and read back with one `WHERE key IN (…)` statement (see src/cache/paragraph-store.ts).
CREATE TABLE paragraphs (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX paragraphs_by_expiry ON paragraphs (expires_at);
