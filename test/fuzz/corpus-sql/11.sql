SELECT has_schema_privilege('alice', 'public', 'USAGE'), has_schema_privilege('bob', 'pg_catalog', 'USAGE')
