-- Two-character searches of standard addresses ("长江", "红山": a place stem is two characters). pg_trgm
-- extracts no trigram from a two-character infix, so ILIKE '%长江%' cannot use the trigram index and reads
-- all 180,000 addresses. A GIN index on the character pairs of each address serves exactly that case:
-- text_bigrams(address) @> text_bigrams(query) finds the candidates, ILIKE decides.
CREATE FUNCTION text_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, length(t) - 1) i $$;
COMMENT ON FUNCTION text_bigrams(text) IS 'The distinct pairs of adjacent characters of t, lower-cased: the keys of the two-character search index.';

CREATE INDEX standard_address_address_bigram_idx ON standard_address USING gin (text_bigrams(address));
