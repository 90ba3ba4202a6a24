-- What each caller used, one row per caller and UTC day, added to with one upsert per
-- translation request (see src/usage/usage-store.ts). Rows older than 30 days are
-- removed by the caller's next write.
CREATE TABLE usage (
  caller TEXT NOT NULL,
  day TEXT NOT NULL,
  articles INTEGER NOT NULL DEFAULT 0,
  paragraphs INTEGER NOT NULL DEFAULT 0,
  model_calls INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cached_paragraphs INTEGER NOT NULL DEFAULT 0,
  cached_results INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (caller, day)
) WITHOUT ROWID;
