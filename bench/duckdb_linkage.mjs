// DuckDB reference for the linkage benchmark (bench/linkage_bench.sh), through @duckdb/node-api.
//
//   node duckdb_linkage.mjs KEYS_LEFT.csv KEYS_RIGHT.csv TRUTH.csv THREADS THRESHOLD
//
// The key files are written by shanhai_link_people --keys: per record its row and the normalised
// blocking keys Shanhai uses (id14, pinyin, birth, phone, first_char) and its separator-free
// canonical name. DuckDB then does what a SQL user would: an equi-join per blocking rule, the
// union of the pairs, and jaro_winkler_similarity(name, name) >= THRESHOLD. Loading the keys is
// timed apart ("load_seconds"); "join_seconds" is the time around the two statements that
// build the candidate pairs and the matched pairs. Precision and recall against the truth are
// computed afterwards, untimed. Prints one JSON object.
import { DuckDBInstance } from '@duckdb/node-api';

const [keysLeft, keysRight, truthFile, threads = '2', threshold = '0.85'] = process.argv.slice(2);
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const columns = `{'row': 'INTEGER', 'id14': 'VARCHAR', 'pinyin': 'VARCHAR', 'birth': 'DATE',
                  'phone': 'VARCHAR', 'first_char': 'VARCHAR', 'name': 'VARCHAR'}`;

const instance = await DuckDBInstance.create(':memory:', { threads });
const conn = await instance.connect();
const count = async (sql) => Number((await conn.runAndReadAll(sql)).getRows()[0][0]);

let t0 = performance.now();
await conn.run(`CREATE TABLE l AS SELECT * FROM read_csv(${quote(keysLeft)}, header = true,
                columns = ${columns})`);
await conn.run(`CREATE TABLE r AS SELECT * FROM read_csv(${quote(keysRight)}, header = true,
                columns = ${columns})`);
const loadSeconds = (performance.now() - t0) / 1000;

t0 = performance.now();
await conn.run(`CREATE TEMP TABLE cand AS
  SELECT l.row AS lr, r.row AS rr FROM l JOIN r ON l.id14 = r.id14
  UNION SELECT l.row, r.row FROM l JOIN r ON l.pinyin = r.pinyin AND l.birth = r.birth
  UNION SELECT l.row, r.row FROM l JOIN r ON l.phone = r.phone
  UNION SELECT l.row, r.row FROM l JOIN r ON l.birth = r.birth AND l.first_char = r.first_char
  UNION SELECT l.row, r.row FROM l JOIN r ON l.name = r.name AND year(l.birth) = year(r.birth)`);
await conn.run(`CREATE TEMP TABLE matched AS
  SELECT c.lr, c.rr FROM cand c JOIN l ON l.row = c.lr JOIN r ON r.row = c.rr
  WHERE jaro_winkler_similarity(l.name, r.name) >= ${Number(threshold)}`);
const joinSeconds = (performance.now() - t0) / 1000;

const candidates = await count('SELECT count(*) FROM cand');
const matches = await count('SELECT count(*) FROM matched');
await conn.run(`CREATE TABLE truth AS SELECT left_id - 1 AS lr, right_id - 1 AS rr
                FROM read_csv(${quote(truthFile)}, header = true)`);
const truePairs = await count('SELECT count(*) FROM truth');
const truePositives = await count(
  'SELECT count(*) FROM matched m JOIN truth t ON t.lr = m.lr AND t.rr = m.rr');
const precision = matches === 0 ? 1 : truePositives / matches;
const recall = truePairs === 0 ? 1 : truePositives / truePairs;
const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
console.log(JSON.stringify({ load_seconds: loadSeconds, join_seconds: joinSeconds, candidates,
  matches, true_positives: truePositives, true_pairs: truePairs, precision, recall, f1 }));
