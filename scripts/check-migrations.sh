#!/usr/bin/env bash
# Fails when the entities and the migrations disagree: applies every migration to a scratch database,
# then asks TypeORM whether it would generate anything. Expects `nest build` to have run.
set -euo pipefail
admin="${TEST_DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
scratch="mfa_drift_$(date +%s)_$$"
url="${admin%/*}/${scratch}"
cleanup() { psql "$admin" -qc "DROP DATABASE IF EXISTS \"${scratch}\" WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
node -e "import('./dist/src/database/prepare-database.js').then((m) => m.prepareDatabase(process.argv[1]))" "$url"
DATABASE_URL="$url" npx typeorm migration:generate --check -d dist/src/data-source.js migrations/Drift
echo "migrations match the entities"
