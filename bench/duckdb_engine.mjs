// DuckDB reference for the engine benchmark (bench/engine_bench.sh), through @duckdb/node-api.
//
//   node duckdb_engine.mjs load DBFILE LEFT.csv RIGHT.csv THREADS
//       creates tables l and r of a persistent database from the CSVs (explicit column types),
//       then CHECKPOINT. Prints {"seconds": …}.
//   node duckdb_engine.mjs query DBFILE QUERY.sql THREADS
//       opens the database (as `shanhai run` opens its workspace) and runs the statements of
//       QUERY.sql in order; "seconds" is the time around them, measured inside the process.
//       Prints {"seconds": …, "results": [first cell of every SELECT]}.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, dbfile, a, b, c] = process.argv.slice(2);
const quote = (s) => `'${s.replaceAll("'", "''")}'`;

if (mode === 'load') {
  const [left, right, threads = '2'] = [a, b, c];
  const instance = await DuckDBInstance.create(dbfile, { threads });
  const conn = await instance.connect();
  const t0 = performance.now();
  await conn.run(`CREATE TABLE l AS SELECT * FROM read_csv(${quote(left)}, header = true, columns = {
      'id': 'BIGINT', 'party_id': 'VARCHAR', 'party_name': 'VARCHAR',
      'amount': 'DECIMAL(18,2)', 'decision_date': 'DATE'})`);
  await conn.run(`CREATE TABLE r AS SELECT * FROM read_csv(${quote(right)}, header = true, columns = {
      'pay_id': 'BIGINT', 'party_id': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'paid_date': 'DATE'})`);
  await conn.run('CHECKPOINT');
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
} else if (mode === 'query') {
  const [sqlfile, threads = '2'] = [a, b];
  const statements = readFileSync(sqlfile, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const instance = await DuckDBInstance.create(dbfile, { threads });
  const conn = await instance.connect();
  const results = [];
  const t0 = performance.now();
  for (const sql of statements) {
    if (/^select/i.test(sql)) {
      const reader = await conn.runAndReadAll(sql);
      results.push(Number(reader.getRows()[0][0]));
    } else {
      await conn.run(sql);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seconds, results }));
} else {
  console.error('usage: duckdb_engine.mjs load DBFILE LEFT RIGHT THREADS | query DBFILE SQL THREADS');
  process.exit(2);
}
