// DuckDB reference for the import benchmark: read_csv of FILE into a table of a persistent
// database DBFILE (as Shanhai writes a persistent dataset), then CHECKPOINT so the data is on
// disk. Prints {"seconds": …, "rows": …}.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, dbfile, threads = '2'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(dbfile, { threads });
const conn = await instance.connect();
const t0 = performance.now();
await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
await conn.run('CHECKPOINT');
const seconds = (performance.now() - t0) / 1000;
const result = await conn.runAndReadAll('SELECT count(*) FROM t');
console.log(JSON.stringify({ seconds, rows: Number(result.getRows()[0][0]) }));
